// Package web is the HTTP layer of a kiln app, built on net/http so that handlers
// are plain http.Handlers and any net/http middleware works:
//
//   - Router: net/http ServeMux patterns ("GET /api/posts/{id}") that remembers what
//     it registered, so `app routes` can list it; Resource registers the five JSON
//     API routes of a controller; Use installs middleware.
//   - Default middleware (Defaults): request id, access log, panic recovery and a
//     request body limit; unknown routes and wrong methods answer JSON 404 and 405.
//   - Responses: JSON, Created, NoContent; errors as JSON {"message": …} through
//     WriteError, which maps typed errors (*Error), the ORM's not-found and the
//     database's constraint violations to statuses and never leaks internals.
//   - Requests: Decode (strict JSON with a size limit), PathID, PageParams.
//
// Nothing here is package-level mutable state: configuration travels in Options
// and, per request, in the request's context.
package web
