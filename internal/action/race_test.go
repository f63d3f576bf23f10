//go:build race

package action

func init() { raceBuild = true }
