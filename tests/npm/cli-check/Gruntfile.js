module.exports = function (grunt) {
  grunt.initConfig({ pkg: grunt.file.readJSON('package.json') });
  grunt.registerTask('hello', 'says hi', function () { grunt.log.writeln('hi from ' + grunt.config('pkg.name')); });
  grunt.registerTask('later', function () { const done = this.async(); setTimeout(() => { grunt.log.ok('later'); done(); }, 5); });
  grunt.registerTask('default', ['hello', 'later']);
};
