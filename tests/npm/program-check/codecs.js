const protobuf = require('protobufjs');
const root = protobuf.parse(`syntax = "proto3"; package t; message Person { string name = 1; int32 id = 2; repeated string tags = 3; map<string,int32> m = 4; enum K { A = 0; B = 1; } K k = 5; }`).root;
const Person = root.lookupType('t.Person');
const msg = Person.create({ name: 'Ann', id: 7, tags: ['x', 'y'], m: { a: 1 }, k: 1 });
const buf = Person.encode(msg).finish();
console.log(Buffer.from(buf).toString('hex'), JSON.stringify(Person.toObject(Person.decode(buf), { enums: String })));
console.log(Person.verify({ id: 'x' }));
const jwt = require('jsonwebtoken');
const tok = jwt.sign({ sub: 'u1', iat: 1000 }, 'secret', { algorithm: 'HS256', expiresIn: 3600 });
console.log(tok, JSON.stringify(jwt.verify(tok, 'secret', { clockTimestamp: 2000 })));
try { jwt.verify(tok, 'wrong'); } catch (e) { console.log(e.name, e.message); }
const bcrypt = require('bcryptjs');
const h = bcrypt.hashSync('pw', '$2b$04$abcdefghijklmnopqrstuu');
console.log(h, bcrypt.compareSync('pw', h), bcrypt.compareSync('no', h));
const initSqlJs = require('sql.js');
initSqlJs().then((SQL) => {
  const db = new SQL.Database();
  db.run('CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, "x"), (2, "y");');
  console.log(JSON.stringify(db.exec('SELECT a, b, a * 2 AS c FROM t ORDER BY a DESC')));
  const st = db.prepare('SELECT sum(a) AS s FROM t WHERE a > ?'); st.bind([0]); st.step(); console.log(st.getAsObject());
  console.log(db.export().length > 0);
}).catch(e => console.log('sqljs ERR', e));
(async () => {
  const { getQuickJS } = require('quickjs-emscripten');
  const QuickJS = await getQuickJS();
  const vm = QuickJS.newContext();
  const r = vm.evalCode('[1,2,3].map(x => x * 2).join("-")');
  console.log('quickjs', vm.dump(vm.unwrapResult(r)));
  vm.dispose();
})().catch(e => console.log('qjs ERR', e));
