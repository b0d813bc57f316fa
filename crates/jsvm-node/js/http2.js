// `http2` is not available: jsvm has no HTTP/2. Requiring it throws, with the code Node uses
// when it is built without OpenSSL (where http2 is missing too), and a message naming the
// module and the reason.
'use strict';

throw require('internal/errors').makeError(Error, 'ERR_NO_CRYPTO',
  "The 'http2' module is not available in jsvm: it has no HTTP/2 support");
