// Copies the node and credential icons next to the compiled files in dist/,
// where n8n looks for them (`icon: 'file:whatsapp.svg'` is relative to the .js file).
const path = require('path');
const { src, dest, task } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest(path.resolve('dist')));
}

task('build:icons', copyIcons);
