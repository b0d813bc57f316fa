// zx: commands through child_process, pipes, failures, `within` (fs-extra and graceful-fs load).
import { $, echo, within, fs } from 'zx';
$.verbose = false;
const r = await $`echo hello ${'a b'}`;
echo(r.stdout.trim(), r.exitCode);
try { await $`exit 3`; } catch (e) { echo('exit', e.exitCode); }
echo((await $`printf 'x\ny\n'`.pipe($`wc -l`)).stdout.trim());
echo(await within(async () => { $.cwd = '/'; return (await $`pwd`).stdout.trim(); }));
echo(typeof fs.createReadStream, fs.existsSync('zx-script.mjs'));
