// Command httpload is a small, bounded HTTP load generator for docs/benchmarks.md:
// a fixed number of requests (-n) from a fixed number of workers (-c), each on a
// kept-alive loopback connection, never more than -timeout in all. It prints one
// line: requests per second, latency percentiles, and every failure counted, so
// a run that "went fast" because it failed is visible.
//
//	httpload -n 20000 -c 8 -method POST -body '{"title":"x"}' http://127.0.0.1:8000/api/posts
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

type options struct {
	url, method, body string
	requests, workers int
	timeout           time.Duration
	wantStatus        int
}

func main() {
	var o options
	flag.IntVar(&o.requests, "n", 10000, "total requests")
	flag.IntVar(&o.workers, "c", 8, "concurrent workers (connections)")
	flag.StringVar(&o.method, "method", "GET", "HTTP method")
	flag.StringVar(&o.body, "body", "", "request body (sent as application/json)")
	flag.DurationVar(&o.timeout, "timeout", time.Minute, "stop after this long whatever is left")
	flag.IntVar(&o.wantStatus, "status", 0, "expected status (default: any 2xx)")
	flag.Parse()
	if flag.NArg() != 1 || o.requests < 1 || o.workers < 1 {
		fmt.Fprintln(os.Stderr, "usage: httpload [-n N] [-c C] [-method M] [-body JSON] URL")
		os.Exit(2)
	}
	o.url = flag.Arg(0)
	r := run(o)
	fmt.Println(r)
	if r.failed > 0 || r.done < int64(o.requests) {
		os.Exit(1)
	}
}

// result is what one run measured.
type result struct {
	done, failed int64
	elapsed      time.Duration
	latencies    []time.Duration
	firstErr     string
}

func (r result) String() string {
	slices.Sort(r.latencies)
	pct := func(p float64) time.Duration {
		if len(r.latencies) == 0 {
			return 0
		}
		return r.latencies[int(p*float64(len(r.latencies)-1))]
	}
	s := fmt.Sprintf("%d requests in %.2fs: %.0f req/s, p50 %v, p99 %v, max %v, failed %d",
		r.done, r.elapsed.Seconds(), float64(r.done)/r.elapsed.Seconds(),
		pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond), r.failed)
	if r.firstErr != "" {
		s += " (first: " + r.firstErr + ")"
	}
	return s
}

// run sends o.requests requests from o.workers goroutines sharing a counter.
func run(o options) result {
	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: o.workers, DisableCompression: true}}
	var next, failed atomic.Int64
	var firstErr sync.Once
	var errText string
	lat := make([][]time.Duration, o.workers)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range o.workers {
		wg.Go(func() {
			for next.Add(1) <= int64(o.requests) && ctx.Err() == nil {
				t := time.Now()
				err := once(ctx, client, o)
				lat[w] = append(lat[w], time.Since(t))
				if err != nil {
					failed.Add(1)
					firstErr.Do(func() { errText = err.Error() })
				}
			}
		})
	}
	wg.Wait()
	r := result{elapsed: time.Since(start), failed: failed.Load(), firstErr: errText}
	for _, l := range lat {
		r.latencies = append(r.latencies, l...)
	}
	r.done = int64(len(r.latencies))
	return r
}

// once sends one request and checks its status, draining the body so the
// connection is reused.
func once(ctx context.Context, client *http.Client, o options) error {
	var body io.Reader
	if o.body != "" {
		body = bytes.NewReader([]byte(o.body))
	}
	req, err := http.NewRequestWithContext(ctx, o.method, o.url, body)
	if err != nil {
		return err
	}
	if o.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	ok := resp.StatusCode/100 == 2
	if o.wantStatus != 0 {
		ok = resp.StatusCode == o.wantStatus
	}
	if !ok {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}
