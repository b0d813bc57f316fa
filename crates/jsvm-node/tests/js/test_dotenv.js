// util.parseEnv and process.loadEnvFile: Node 20's reading of the .env format, edge cases included.
const { parseEnv } = require('util');
const fs = require('fs');
const os = require('os');
const path = require('path');
const cases = [
  'A=1\nnoequals\nB=2', 'A=1\n=x\nB=2', 'A="open\nB=2', "A='x\nB=2\nC='", 'A B=1\nC=2',
  'A=1\r\nB="x"\r\nC=3', '#c\n  #d\nA=1 # c\nB=#x', 'export A=1\nexport  B=2\nexportC=3',
  'A= "q" \nB=" sp "\nC="x" y\nD=x "y"', 'A="a\\nb"\nB=\'a\\nb\'\nC=`a\\nb`', 'A=1\nA=2',
  'A=`x"y`\nB="x\'y"', '\n\n  A=1\n\tB=2', 'A="x"#c\nB="x" # c', 'A=\nB', 'K.x-y=1\nK:1',
  'A=a=b=c', 'A="a"b"c"\nD=1', 'D=a#b\nE=a #b', 'A=x\t\nB=1', 'A=  x  \r\nB=1',
  'A="x\r\n"\nB=1', '  \nA=1', 'A=1\r\rB=2', ' A =1', 'A="x', "A='x'  # c\nB=2",
  'A=" x\\n "', 'A="x\ny"z\nB=1', 'A=1\n  \n#c\nB=2', '#only', 'A=1\n#c=3\nB=2', 'Z=1\nA=2\n_=3',
];
for (const c of cases) console.log(JSON.stringify(c), JSON.stringify(parseEnv(c)));
try { parseEnv(1); } catch (e) { console.log(e.code, e.message); }
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dotenv-')), '.env');
fs.writeFileSync(file, 'JSVM_DOTENV_A=from file\nJSVM_DOTENV_B="two\\nlines"\nHOME=not replaced\n');
process.loadEnvFile(file);
console.log(process.env.JSVM_DOTENV_A, JSON.stringify(process.env.JSVM_DOTENV_B), process.env.HOME !== 'not replaced');
try { process.loadEnvFile(path.join(path.dirname(file), 'none')); } catch (e) { console.log(e.code, e.syscall); }
try { process.loadEnvFile(1); } catch (e) { console.log(e.code, e.message); }
fs.rmSync(path.dirname(file), { recursive: true });
