package githubapi

// MaxStatusDescription is the longest commit status description GitHub
// shows; the Action and the batch both publish statuses.
// Why: https://docs.github.com/rest/commits/statuses#create-a-commit-status (description is shown truncated past 140 characters)
const MaxStatusDescription = 140
