// Package githubapi builds go-github clients the way every tpgrade command
// needs them: pointed at GITHUB_API_URL (github.com or an Enterprise Server),
// authenticated with a token, over an injected *http.Client. It must not
// import the engine or the renderers.
package githubapi
