package factory

import (
	"encoding/binary"
	mrand "math/rand"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-faker/faker/v4"
)

// SeedEnv names the environment variable that seeds every factory of a
// process (`kiln db seed --faker-seed N` sets it for the app).
const SeedEnv = "KILN_FAKER_SEED"

// The process's randomness: one generator that each factory run draws its
// own generator from, and the sequence Faker.Unique numbers values with.
var (
	seedMu  sync.Mutex
	seedGen *rand.Rand
	current int64
	seq     atomic.Int64
)

// Seed makes every value factories draw from now on follow from n: the same
// n and the same calls give byte-identical rows, in any process on any day.
// It seeds go-faker's random and crypto sources too, resets its unique
// state, and restarts Faker.Unique's sequence. Times are drawn before the
// fixed Anchor, never from the clock.
func Seed(n int64) {
	seedMu.Lock()
	defer seedMu.Unlock()
	seedLocked(n)
}

func seedLocked(n int64) {
	current = n
	seedGen = rand.New(rand.NewPCG(uint64(n), 0x6b696c6e)) // "kiln"
	faker.SetRandomSource(faker.NewSafeSource(mrand.NewSource(n)))
	faker.SetCryptoSource(&seededReader{r: rand.New(rand.NewPCG(uint64(n), 1))})
	faker.ResetUnique()
	seq.Store(0)
}

// CurrentSeed is the seed in use: the last Seed, else $KILN_FAKER_SEED, else
// one drawn from the clock at first use. Print it so a run can be replayed.
func CurrentSeed() int64 {
	seedMu.Lock()
	defer seedMu.Unlock()
	ensureSeeded()
	return current
}

// ensureSeeded seeds from the environment or the clock on first use.
func ensureSeeded() {
	if seedGen != nil {
		return
	}
	if n, err := strconv.ParseInt(os.Getenv(SeedEnv), 10, 64); err == nil {
		seedLocked(n)
		return
	}
	seedLocked(time.Now().UnixNano() & (1<<53 - 1)) // fits a JSON number
}

// newFaker returns the Faker for one factory run, with its own generator
// drawn from the process's, so runs in different goroutines never share one.
func newFaker() *Faker {
	seedMu.Lock()
	defer seedMu.Unlock()
	ensureSeeded()
	return &Faker{r: rand.New(rand.NewPCG(seedGen.Uint64(), seedGen.Uint64()))}
}

func nextSeq() int64 { return seq.Add(1) }

// seededReader is the crypto source go-faker's UUIDs read: deterministic,
// because test and seed data must be reproducible, never secret.
type seededReader struct {
	mu sync.Mutex
	r  *rand.Rand
}

func (s *seededReader) Read(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var buf [8]byte
	for i := 0; i < len(p); i += 8 {
		binary.LittleEndian.PutUint64(buf[:], s.r.Uint64())
		copy(p[i:], buf[:])
	}
	return len(p), nil
}
