// webpack 5 building a tiny bundle with html-webpack-plugin, which evaluates its lodash
// template in a vm context (child compiler). The hash is sha256: webpack's default md4 is
// WebAssembly, which jsvm does not have.
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const path = require('path');
const fs = require('fs');

const dir = path.resolve('webpack-project');
const out = path.join(dir, 'dist');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
fs.writeFileSync(path.join(dir, 'src', 'index.js'), 'import { msg } from "./msg.js"; console.log(msg.toUpperCase());\n');
fs.writeFileSync(path.join(dir, 'src', 'msg.js'), 'export const msg = "hello from webpack";\n');
fs.writeFileSync(path.join(dir, 'template.html'),
  '<!doctype html><html><head><title><%= htmlWebpackPlugin.options.title %></title></head>' +
  "<body><% for (const k of ['a', 'b']) { %><i><%= k %></i><% } %></body></html>\n");
webpack({
  mode: 'production',
  context: dir,
  entry: './src/index.js',
  output: { path: out, filename: 'bundle.js', hashFunction: 'sha256' },
  module: { rules: [{ test: /\.js$/, type: 'javascript/auto' }] },
  devtool: false,
  plugins: [new HtmlWebpackPlugin({ title: 'T', template: './template.html', minify: false })],
}, (err, stats) => {
  if (err) { console.log('error', err.message); return; }
  const info = stats.toJson({ all: false, errors: true, warnings: true, assets: true });
  console.log('errors:', info.errors.map((e) => e.message), 'warnings:', info.warnings.length);
  console.log('assets:', info.assets.map((a) => a.name).sort());
  for (const f of fs.readdirSync(out).sort()) console.log(`${f}:`, fs.readFileSync(path.join(out, f), 'utf8'));
  new Function(fs.readFileSync(path.join(out, 'bundle.js'), 'utf8'))();
});
