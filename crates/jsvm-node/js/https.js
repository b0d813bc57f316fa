// `https` is not available: jsvm has no TLS. Requiring it throws, with the code Node uses when
// it is built without OpenSSL (ERR_NO_CRYPTO) and a message naming the module.
'use strict';

throw require('internal/errors').makeError(Error, 'ERR_NO_CRYPTO',
  "The 'https' module is not available in jsvm: it has no TLS support");
