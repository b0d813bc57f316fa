// A descriptor read as a net.Socket (process.stdin, tty.ReadStream): a thread copies it into a
// socket pair (binding.fdPipe, src/stdin_binding.rs), started on the first read. While it
// reads, the socket keeps the process alive; pause() stops the reading a tick later, as Node's
// stdin does, so that a paused program can end.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

// The socket handle for reading `fd` (for `new net.Socket({ handle })`), or a negative errno.
function openFdReader(fd) {
  const { nb } = require('net')._internal;
  const ours = binding.fdPipe(fd);
  if (ours < 0) return { id: ours, ours };
  return { id: nb.openFd(ours), ours };
}

// Makes `socket` (made with { handle, readable: true, writable: false, pauseOnCreate: true })
// start the copying on its first read, and hold the loop only while reading.
function readLazily(socket, ours) {
  // Neither flowing nor paused yet (pauseOnCreate paused it): a 'data' listener starts it.
  socket._readableState.flowing = null;
  socket.unref();
  let started = false;
  // Set by pause(): the stream's read-ahead (which reads while below its high-water mark)
  // does not start reading again until the stream resumes or gets a new consumer.
  let stoppedByPause = false;
  const readStart = socket._readStart;
  const readStop = socket._readStop;
  socket._readStart = function _readStart() {
    if (stoppedByPause) return undefined;
    if (!started) {
      started = true;
      binding.fdPipeStart(ours);
    }
    this.ref();
    return readStart.call(this);
  };
  socket._readStop = function _readStop() {
    this.unref();
    return readStop.call(this);
  };
  socket.on('pause', () => process.nextTick(() => {
    if (!socket.readableFlowing) {
      stoppedByPause = true;
      socket._readableState.reading = false;
      socket._readStop();
    }
  }));
  const wake = () => {
    if (stoppedByPause) {
      stoppedByPause = false;
      socket._readStart();
    }
  };
  socket.on('resume', wake);
  socket.on('newListener', (name) => {
    if (name === 'data' || name === 'readable') process.nextTick(wake);
  });
}

module.exports = { openFdReader, readLazily };
