console.log('before');
throw 'x'
