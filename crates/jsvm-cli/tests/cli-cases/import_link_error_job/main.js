// A module graph imported with import() fails to link (an export is missing): the error is
// made in a job, with no frame of the program. Node words it as V8 does and prints the
// importer's line with an arrow at the name, for the rejection nothing handled.
process.on('exit', (code) => console.log('exit', code));
import('./bad.mjs');
