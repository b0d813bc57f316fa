// util.MIMEType and util.MIMEParams: parsing (whitespace, quoting, duplicates, bad names and
// values dropped), serializing, setters and their ERR_INVALID_MIME_SYNTAX errors, as Node's.
'use strict';
const { MIMEType, MIMEParams, inspect } = require('util');
const t = (label, fn) => { try { console.log(label, fn()); } catch (e) { console.log(label, 'throws', e.name, e.code, e.message); } };
const m = new MIMEType('Text/HTML; Charset="utf-8"; foo=bar; a=";b"; empty=; x');
t('str', () => String(m));
t('type', () => [m.type, m.subtype, m.essence]);
t('params', () => [...m.params]);
t('inspect', () => inspect(m));
t('json', () => JSON.stringify({ m }));
t('bad', () => new MIMEType('text'));
t('bad2', () => new MIMEType('te xt/plain'));
t('bad3', () => new MIMEType('text/'));
t('bad4', () => new MIMEType('/plain'));
t('bad5', () => new MIMEType('text/pl ain'));
t('set type', () => { m.type = 'Image'; return String(m); });
t('set type bad', () => { m.type = 'ima ge'; });
t('set type empty', () => { m.type = ''; });
t('set subtype bad', () => { m.subtype = 'a/b'; });
t('params api', () => { const p = m.params; p.set('Q', 'has space'); p.delete('foo'); return [p.get('q'), p.get('Q'), p.has('charset'), p.toString(), String(m), p.get('nope')]; });
t('param bad name', () => m.params.set('a b', 'x'));
t('param bad value', () => m.params.set('ok', 'x\u0100'));
t('param empty value', () => { m.params.set('emp', ''); return String(m); });
t('mp new', () => { const p = new MIMEParams(); p.set('a', '1'); return [String(p), inspect(p), [...p.keys()], [...p.values()], [...p.entries()]]; });
t('dup', () => String(new MIMEType('a/b;x=1;x=2;X=3')));
t('ws', () => String(new MIMEType('  a/b  ;  x = 1 ; y=2  ')));
t('quoted', () => String(new MIMEType('a/b;x="a\\"b\\\\c";y="unterminated')));
t('trailing', () => String(new MIMEType('a/b;x="q" junk;y=1')));
t('nonascii', () => new MIMEType('a/b;x=\u00e9').params.get('x'));
t('nontoken val', () => String(new MIMEType('a/b;x=a\u0000b')));
t('obj', () => String(new MIMEType({ toString() { return 'x/y' } })));
t('no args', () => new MIMEType());
t('toJSON', () => m.toJSON());
t('proto', () => Object.getOwnPropertyNames(MIMEType.prototype));
t('pproto', () => Object.getOwnPropertyNames(MIMEParams.prototype));
t('iter', () => MIMEParams.prototype[Symbol.iterator] === MIMEParams.prototype.entries);
t('a2', () => new MIMEType('te xt'));
t('b', () => new MIMEType('text;x=1'));
t('c', () => String(new MIMEType('\t text/plain \n')));
t('d', () => String(new MIMEType('text/plain ;x=1')));
t('e', () => String(new MIMEType('text/pl;x=1')));
t('f', () => new MIMEType('t(ext/plain'));
t('g', () => new MIMEType('text/p@lain'));
t('h', () => { const p = new MIMEParams(); p.set('', 'x'); return String(p); });
t('i', () => { const p = new MIMEParams(); p.set('A', 'x'); p.set('a', 'y'); return String(p); });
t('j', () => { const p = new MIMEType('a/b;A=1').params; p.set('a', 'y'); return [String(p), p.get('A')]; });
t('k', () => String(new MIMEType('a/b;x=é;y="a b";z=')));
t('l', () => { const m = new MIMEType('a/b'); m.subtype = 'X'; return String(m); });
t('m', () => String(new MIMEType('a/b;;x=1;=2;y')));
t('n', () => { const p = new MIMEParams(); p.set(5, 6); return [String(p), p.has(5), p.get(5)]; });
t('o', () => { const m = new MIMEType('a/b;x=1'); return m.params === m.params; });
t('p', () => new MIMEType('a/b').params.toJSON());
t('q', () => String(new MIMEType('a/b;x="\\')));
t('r', () => String(new MIMEType('A/B;X="1" ;y=2')));
t('s', () => { const m = new MIMEType('a/b'); m.type = 5; return String(m); });
t('w', () => { const m = new MIMEType('a/b'); return m.params.delete('zz'); });
t('x', () => { const p = new MIMEParams(); p.set('a'); return String(p); });
{
for (const s of ['  te xt/plain', ' text/p lain ', '\ttext', 'a/b;x="1"junk', 'a/b; x=1', 'a/b;x=1 ;Y=2', 'a/b;x=\t1\t']) {
  try { console.log(JSON.stringify(s), String(new MIMEType(s))); } catch (e) { console.log(JSON.stringify(s), e.message); }
}
}
