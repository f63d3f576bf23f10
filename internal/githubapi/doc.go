// Package githubapi is tpgrade's one GitHub client, used by the Action and
// the batch alike: a go-github client pointed at GITHUB_API_URL (github.com
// or an Enterprise Server) over a Transport that keeps within GitHub's
// limits and is safe against a hostile or broken server. The Transport
// retries with backoff and jitter, honours Retry-After and the primary and
// secondary rate limits, sends the token to the API's host only, bounds
// every answer's body, paces content-creating requests within an hourly
// budget, and never retries a blocked repository (451). Pager stops a
// listing whose next page does not advance. ETagCache makes GET requests
// conditional over a store the caller gives (the batch's files), so that an
// unchanged answer costs no primary rate limit.
//
// It also holds the limits both publishers share (Clip,
// MaxStatusDescription). It must not import the engine or the renderers.
package githubapi
