const rs = require('readline-sync');
const name = rs.question('Name? ');
const pw = rs.question('Password? ', { hideEchoBack: true });
const yes = rs.keyInYN('Continue?');
const idx = rs.keyInSelect(['a', 'b', 'c'], 'Pick');
const n = rs.questionInt('Int? ');
console.log(JSON.stringify({ name, pw, yes, idx, n }));
