import { compile, evaluate } from '@mdx-js/mdx';
import * as runtime from 'react/jsx-runtime';
import { renderToStaticMarkup } from 'react-dom/server';
const src = '# Hi {1 + 2}\n\nexport const x = 5\n\nSome *text* and {x}\n\n<Thing a="b" />';
const code = String(await compile(src, { outputFormat: 'function-body' }));
console.log(code.split('\n').length > 5);
const { default: Content } = await evaluate(src, { ...runtime, baseUrl: import.meta.url });
console.log(renderToStaticMarkup(runtime.jsx(Content, { components: { Thing: (p) => runtime.jsx('b', { children: p.a }) } })));
