// Package reportfile reads a student's report from disk the way a hostile
// file cannot abuse: only a regular file is read (a named pipe would block
// forever, a device or a directory is not a report), its size is checked
// before any byte is read, and reading stops at the limit. `tpgrade grade`
// and the Action read reports through it.
//
// It knows files, not Markdown: it must not import the engine beyond its
// document package's size limit, nor the renderers.
package reportfile
