//go:build unix

package reportfile

import "syscall"

// openFlags opens without blocking: a file swapped for a named pipe between
// the check and the open does not hang the reader.
const openFlags = syscall.O_NONBLOCK
