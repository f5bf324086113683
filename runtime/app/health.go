package app

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/kilnhq/kiln/runtime/db"
)

// live answers 200 while the process serves: a liveness probe must not depend on the
// database, or a database outage would get healthy app processes restarted.
func live(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"status":"ok"}`+"\n")
}

// ready answers 200 when the database answers a ping within two seconds, else 503,
// so a load balancer only sends traffic to instances that can serve it.
func ready(database *db.DB, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "application/json")
		if err := database.Ping(ctx); err != nil {
			log.Warn("not ready: database ping failed", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, `{"status":"unavailable","database":"down"}`+"\n")
			return
		}
		io.WriteString(w, `{"status":"ok","database":"up"}`+"\n")
	}
}
