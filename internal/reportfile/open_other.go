//go:build !unix

package reportfile

// openFlags: no named pipes to wait on here.
const openFlags = 0
