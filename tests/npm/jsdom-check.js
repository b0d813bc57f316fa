// A jsdom program: run by tests/npm/jsdom.sh under node and under jsvm, the outputs compared.
// (Pages over http are not tried: undici's HTTP/1 parser is llhttp compiled to WebAssembly.)
// Page scripts run in a vm context (runScripts: 'dangerously'); everything printed is
// deterministic (no times, no random values).
'use strict';
const { JSDOM, VirtualConsole } = require('jsdom');

const steps = [];
const step = (name, fn) => steps.push([name, fn]);

step('parse and query', () => {
  const dom = new JSDOM('<!DOCTYPE html><p>Hello</p>');
  console.log(dom.window.document.querySelector('p').textContent);
  const frag = JSDOM.fragment('<li class="a b">x</li><li>y</li>');
  console.log(frag.childNodes.length, frag.firstChild.classList.contains('b'), frag.textContent);
});

step('page scripts, eval, events, serialize', () => new Promise((resolve) => {
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('log', (...a) => console.log('page log:', ...a));
  virtualConsole.on('error', (...a) => console.log('page error:', ...a.map(String)));
  virtualConsole.on('jsdomError', (e) => console.log('jsdomError:', e.message.split('\n')[0]));
  const dom = new JSDOM(`<!DOCTYPE html><body><p id="a">Hello</p>
<script>
  document.getElementById('a').textContent = 'changed by script';
  const ul = document.createElement('ul'); ul.innerHTML = '<li>one</li><li>two</li>'; document.body.appendChild(ul);
  console.log('from page', 1 + 1, typeof window, window === globalThis, typeof require, typeof process);
  window.counter = 0;
  document.addEventListener('ping', (e) => { window.counter++; console.log('ping', JSON.stringify(e.detail)); });
  setTimeout(() => { console.log('timeout fired'); document.title = 'done'; }, 10);
  Promise.resolve().then(() => console.log('microtask in page'));
  var declared = 'var on window';
  function declaredFn() { return 'fn on window'; }
</script>
<script>throw new RangeError('uncaught in page');</script></body>`, { runScripts: 'dangerously', virtualConsole });
  const { window } = dom;
  console.log(window.document.getElementById('a').textContent, window.declared, window.declaredFn());
  console.log(window.eval('document.querySelectorAll("li").length'), window.eval('typeof require'));
  window.document.dispatchEvent(new window.CustomEvent('ping', { detail: { x: 1 } }));
  console.log('counter', window.counter);
  let clicked = 0;
  const p = window.document.getElementById('a');
  window.document.body.addEventListener('click', (ev) => console.log('bubbled to body', ev.eventPhase, ev.currentTarget.tagName));
  p.addEventListener('click', (ev) => { clicked++; console.log('click', ev.type, ev.target.id, ev.isTrusted); });
  p.click();
  p.dispatchEvent(new window.MouseEvent('click', { bubbles: true }));
  console.log('clicked', clicked);
  try {
    window.eval('throw new TypeError("boom")');
  } catch (e) {
    console.log('caught', e.constructor === window.TypeError, e instanceof TypeError, e.message);
  }
  console.log(window.eval('[1, 2].map((x) => x * 2).join()'), window.eval('Object.getPrototypeOf(window) === Window.prototype'));
  console.log(window.eval('window instanceof EventTarget'), typeof window.Array, window.Array === Array);
  setTimeout(() => {
    console.log('title', window.document.title);
    console.log(dom.serialize());
    window.close();
    resolve();
  }, 50);
}));

step('DOM APIs inside the page', () => new Promise((resolve) => {
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('log', (...a) => console.log('page:', ...a));
  virtualConsole.on('jsdomError', (e) => console.log('jsdomError:', e.message.split('\n')[0]));
  const dom = new JSDOM(`<!DOCTYPE html><div id="root"><input id="i" value="v"><template><b>t</b></template></div>
<script>
  const root = document.getElementById('root');
  const seen = [];
  new MutationObserver((records) => {
    console.log('mutations', records.map((r) => r.type + ':' + r.addedNodes.length).join());
  }).observe(root, { childList: true, subtree: true });
  root.append(document.createElement('span'));
  class MyEl extends HTMLElement {
    connectedCallback() { this.textContent = 'custom ' + this.getAttribute('n'); }
  }
  customElements.define('my-el', MyEl);
  root.insertAdjacentHTML('beforeend', '<my-el n="7"></my-el>');
  console.log(root.lastElementChild.textContent, root.lastElementChild instanceof MyEl);
  console.log(document.querySelector('template').content.firstChild.outerHTML);
  console.log(document.getElementById('i').value, new URL('a/b?c=1', location.href).href);
  localStorage.setItem('k', 'v'); console.log(localStorage.getItem('k'), localStorage.length);
  document.cookie = 'a=1'; console.log(document.cookie);
  const parsed = new DOMParser().parseFromString('<root><x y="1"/></root>', 'text/xml');
  console.log(parsed.documentElement.firstChild.getAttribute('y'), new XMLSerializer().serializeToString(parsed));
  const fr = new FileReader();
  fr.onload = () => {
    console.log('FileReader', fr.result);
    requestAnimationFrame(() => console.log('animation frame'));
  };
  fr.readAsText(new Blob(['blob text']));
  console.log(getComputedStyle(root).display, JSON.stringify({ a: [1] }), btoa('hi'), atob('aGk='));
  const ev = new KeyboardEvent('keydown', { key: 'Enter' });
  document.addEventListener('keydown', (e) => console.log('key', e.key, e instanceof Event));
  document.dispatchEvent(ev);
</script>`, { runScripts: 'dangerously', virtualConsole, url: 'https://example.org/dir/page.html', pretendToBeVisual: true });
  setTimeout(() => {
    console.log(dom.window.document.getElementById('root').innerHTML);
    dom.window.close();
    resolve();
  }, 100);
}));

step('outside-only and node locations', () => {
  const dom = new JSDOM('<p>one</p><p>two</p>', { runScripts: 'outside-only', includeNodeLocations: true });
  const { window } = dom;
  console.log(window.eval('document.querySelectorAll("p").length'), window.eval('this === window'));
  const loc = dom.nodeLocation(window.document.querySelectorAll('p')[1]);
  console.log(loc.startOffset, loc.endOffset);
  const script = new (require('vm').Script)('document.body.innerHTML += "<i>vm.Script</i>"; 6 * 7');
  console.log(dom.getInternalVMContext && script.runInContext(dom.getInternalVMContext()), window.document.body.innerHTML);
});

step('a page from a file with its script (resources: usable)', async () => {
  const fs = require('fs');
  const path = require('path');
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'jsdom-check-'));
  fs.writeFileSync(path.join(dir, 'index.html'),
    '<!DOCTYPE html><title>from a file</title><script src="a.js"></script><p id="p">x</p>');
  fs.writeFileSync(path.join(dir, 'a.js'),
    'window.fromExternal = 6 * 7; document.addEventListener("DOMContentLoaded", () => { document.getElementById("p").textContent = "loaded"; });');
  const dom = await JSDOM.fromFile(path.join(dir, 'index.html'), { resources: 'usable', runScripts: 'dangerously' });
  await new Promise((resolve) => dom.window.addEventListener('load', resolve));
  console.log(dom.window.document.title, dom.window.fromExternal, dom.window.document.getElementById('p').textContent);
  dom.window.close();
  fs.rmSync(dir, { recursive: true });
});

(async () => {
  for (const [name, fn] of steps) {
    console.log(`-- ${name}`);
    await fn();
  }
})();
