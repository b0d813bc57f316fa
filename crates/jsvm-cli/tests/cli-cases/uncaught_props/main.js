const e = new Error('x'); e.code='C'; e.extra={a:1};
throw e
