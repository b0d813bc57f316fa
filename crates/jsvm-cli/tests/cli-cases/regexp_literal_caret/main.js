// A refused regular expression literal: V8 marks all of it.
const ok = 1;
const re = /\p{Foo}/u;
