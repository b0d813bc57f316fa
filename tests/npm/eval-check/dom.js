// DOM implementations: linkedom (reads a doctype's parts from RegExp.$1 and the other legacy
// statics), happy-dom with page scripts evaluated (in a vm context).
const steps = [];
const step = (name, f) => steps.push([name, f]);
const line = (name, ...v) => console.log(`${name}:`, ...v);

step('linkedom', () => {
  const { parseHTML, DOMParser } = require('linkedom');
  const { document, HTMLElement, customElements } = parseHTML(
    '<!doctype html><html><body><ul id="l"><li class="a">1</li><li>2</li></ul><script>1</script></body></html>');
  line('doctype', String(document.doctype), document.doctype.name);
  line('query', document.querySelectorAll('li').length, document.getElementById('l').outerHTML, document.querySelector('.a').textContent);
  const d = document.createElement('div');
  d.innerHTML = '<b>x</b><i>y</i>';
  d.setAttribute('data-x', '1');
  document.body.append(d);
  line('element', d.dataset.x, d.children.length, d.cloneNode(true).outerHTML);
  line('document', String(document));
  class MyEl extends HTMLElement { connectedCallback() { this.textContent = 'connected'; } }
  customElements.define('my-el', MyEl);
  document.body.innerHTML += '<my-el></my-el>';
  line('custom element', document.querySelector('my-el').textContent);
  const legacy = parseHTML('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html></html>');
  line('public doctype', String(legacy.document.doctype));
  const xml = new DOMParser().parseFromString('<r><a k="1"/></r>', 'text/xml');
  line('xml', xml.querySelector('a').getAttribute('k'), xml.toString());
});
step('happy-dom', () => {
  const { Window } = require('happy-dom');
  const window = new Window({ url: 'https://example.test/', settings: {
    enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true } });
  const document = window.document;
  document.write('<div id="a">x</div><script>document.getElementById("a").textContent = "from script " + (typeof window) + " " + location.host; window.flag = [1,2].map(x => x * 2);</script>');
  line('script', document.getElementById('a').textContent, window.flag);
  window.addEventListener('error', (e) => line('page error', e.error && e.error.message));
  const s = document.createElement('script');
  s.textContent = 'globalThis.added = 7; throw new Error("boom in page")';
  document.body.appendChild(s);
  line('after error', window.added);
  line('eval', window.eval('1 + 2'), typeof window.Function('return this')());
  const el = document.createElement('button');
  el.setAttribute('onclick', 'this.textContent = "clicked " + event.type');
  document.body.appendChild(el);
  el.click();
  line('handler attribute', el.textContent);
  return window.happyDOM.close();
});

(async () => {
  for (const [name, f] of steps) {
    console.log(`-- ${name}`);
    try { await f(); } catch (e) { console.log('FAILED', e && e.stack); }
  }
})();
