// Lets a child process run the TypeScript sources directly (`node -r test/support/ts-register.js file.ts`),
// so tests that need a real separate process (a supervisor to kill -9, a stand-in's main) run the code under
// test rather than a stale dist/. Transpile only, as ts-jest's isolatedModules does; types are checked by tsc.
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const ts = require('typescript');

Module._extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
		fileName: filename,
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
	});
	module._compile(outputText, filename);
};
