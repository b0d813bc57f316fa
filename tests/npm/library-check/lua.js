const fengari = require('fengari');
const { lua, lauxlib, lualib, to_luastring } = fengari;
const L = lauxlib.luaL_newstate();
lualib.luaL_openlibs(L);
const code = `local t = {} for i=1,10 do t[#t+1] = i*i end
local s = 0 for _,v in ipairs(t) do s = s + v end
return s, string.format("%5.2f", math.pi), table.concat({"a","b"}, "-")`;
if (lauxlib.luaL_dostring(L, to_luastring(code)) !== lua.LUA_OK) console.log('err', lua.lua_tojsstring(L, -1));
console.log(lua.lua_tonumber(L, -3), lua.lua_tojsstring(L, -2), lua.lua_tojsstring(L, -1));
lauxlib.luaL_dostring(L, to_luastring('error("bad thing")'));
console.log(lua.lua_tojsstring(L, -1));
