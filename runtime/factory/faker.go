package factory

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/go-faker/faker/v4"
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// Faker draws the values of one factory run. Its names come from
// go-faker/faker's lists; sentences, paragraphs, numbers and times come from
// its own seeded generator, both because go-faker's Sentence (7 µs) and
// Paragraph (36 µs) alone would cap seeding far below 100,000 rows/s, and
// because every value must follow from the seed (see Seed).
type Faker struct {
	r     *rand.Rand
	index int // the row's position in its Count, from 0
	// person is the row's person, drawn once, so a row's name, username and
	// email belong together (Ada Lovelace, ada.lovelace.3@example.com).
	first, last string
}

// DevPassword is the password every factory-made password hash accepts, so a
// seeded user can log in during development: Faker.Password returns its bcrypt
// hash (cost 10).
const DevPassword = "password"

const devPasswordHash = "$2a$10$pf/XeR9/eUbFodJ.uRaE3uwCJHnSEl1Wi.EBzxFTBpxgaK2CheyBW"

// Anchor is the instant factory times are drawn before: a fixed date, not
// time.Now(), so the same seed gives the same rows on any day.
var Anchor = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Index is the row's position in the factory's Count, from 0 (for Sequence-like
// values in a definition).
func (f *Faker) Index() int { return f.index }

// Intn is a number in [0, n).
func (f *Faker) Intn(n int) int { return f.r.IntN(n) }

// Int is a number in [lo, hi].
func (f *Faker) Int(lo, hi int) int { return lo + f.r.IntN(hi-lo+1) }

// Float is a number in [lo, hi).
func (f *Faker) Float(lo, hi float64) float64 { return lo + f.r.Float64()*(hi-lo) }

// Bool is true or false, evenly.
func (f *Faker) Bool() bool { return f.r.IntN(2) == 1 }

// Pick is one of values.
func (f *Faker) Pick(values ...string) string { return values[f.r.IntN(len(values))] }

// Decimal is an amount in [lo, hi] with scale decimal places, exact (no float).
func (f *Faker) Decimal(lo, hi int64, scale int32) decimal.Decimal {
	unit := decimal.New(1, scale).IntPart() // 10^scale
	n := lo*unit + f.r.Int64N((hi-lo)*unit+1)
	return decimal.New(n, -scale)
}

// Price is an amount of money between 1.00 and 999.99.
func (f *Faker) Price() decimal.Decimal { return decimal.New(100+f.r.Int64N(99900), -2) }

// Time is an instant in the year before Anchor, at microsecond precision (what
// PostgreSQL keeps), in UTC.
func (f *Faker) Time() time.Time {
	const year = 365 * 24 * time.Hour
	return Anchor.Add(-time.Duration(f.r.Int64N(int64(year/time.Microsecond))) * time.Microsecond)
}

// Date is a day in the year before Anchor, at midnight UTC.
func (f *Faker) Date() time.Time { return f.Time().Truncate(24 * time.Hour) }

// UUID is a version 4 UUID drawn from the seed.
func (f *Faker) UUID() uuid.UUID {
	var u uuid.UUID
	for i := 0; i < 16; i += 8 {
		v := f.r.Uint64()
		for j := range 8 {
			u[i+j] = byte(v >> (8 * j))
		}
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u
}

// FirstName is a given name; FirstName, LastName, Name, Username and the
// emails of one row all describe the same person.
func (f *Faker) FirstName() string { return f.person().first }

// LastName is a family name.
func (f *Faker) LastName() string { return f.person().last }

// Name is a first and last name.
func (f *Faker) Name() string { p := f.person(); return p.first + " " + p.last }

// Username is a lower-case handle such as "ada.lovelace".
func (f *Faker) Username() string {
	p := f.person()
	return strings.ToLower(p.first + "." + p.last)
}

// person is the row's person, drawn at its first use in the row.
func (f *Faker) person() *Faker {
	if f.first == "" {
		f.first, f.last = fakeName(people.FirstName), fakeName(people.LastName)
	}
	return f
}

// people draws go-faker's names. Its methods take the same values from the
// same source as faker.FirstName and faker.LastName, without those
// functions' per-call option set (maps and closures, built and thrown away
// on every call: 70% of the cost of a name, 11% of a seed's client time).
var people = faker.GetPerson()

// fakeName calls one of people's methods, which cannot fail.
func fakeName(draw func(reflect.Value) (any, error)) string {
	v, _ := draw(reflect.Value{})
	return v.(string)
}

// Email is an address at example.com, example.org or example.net, domains
// reserved for documentation, so a seeded app never mails a real person.
func (f *Faker) Email() string {
	return f.Username() + "@" + f.Pick("example.com", "example.org", "example.net")
}

// UniqueEmail is an Email made unique by a sequence number (see Unique), so a
// unique column never collides at any count.
func (f *Faker) UniqueEmail() string {
	return f.Username() + "." + strconv.FormatInt(nextSeq(), 10) + "@" + f.Pick("example.com", "example.org", "example.net")
}

// Word is one lorem ipsum word.
func (f *Faker) Word() string { return lorem[f.r.IntN(len(lorem))] }

// Words is n lorem ipsum words separated by spaces.
func (f *Faker) Words(n int) string {
	var b strings.Builder
	b.Grow(n * 8)
	f.writeWords(&b, n, false)
	return b.String()
}

// writeWords writes n words, the first capitalised when title is set. The
// text methods build into one buffer: at 100,000 rows a second, every
// intermediate string shows up in the profile.
func (f *Faker) writeWords(b *strings.Builder, n int, title bool) {
	for i := range n {
		w := f.Word()
		if i > 0 {
			b.WriteByte(' ')
		} else if title {
			b.WriteByte(w[0] - 'a' + 'A') // lorem words are lower-case ASCII
			w = w[1:]
		}
		b.WriteString(w)
	}
}

// Sentence is 4 to 10 words, capitalised, ending with a full stop.
func (f *Faker) Sentence() string {
	var b strings.Builder
	b.Grow(80)
	f.writeSentence(&b)
	return b.String()
}

func (f *Faker) writeSentence(b *strings.Builder) {
	f.writeWords(b, 4+f.r.IntN(7), true)
	b.WriteByte('.')
}

// Title is a Sentence without the full stop, for headings.
func (f *Faker) Title() string {
	var b strings.Builder
	b.Grow(80)
	f.writeWords(&b, 4+f.r.IntN(7), true)
	return b.String()
}

// Paragraph is 3 to 6 sentences.
func (f *Faker) Paragraph() string {
	n := 3 + f.r.IntN(4)
	var b strings.Builder
	b.Grow(n * 64)
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		f.writeSentence(&b)
	}
	return b.String()
}

// Slug is 2 to 4 words joined by hyphens.
func (f *Faker) Slug() string { return strings.ReplaceAll(f.Words(2+f.r.IntN(3)), " ", "-") }

// UniqueSlug is a Slug made unique by a sequence number (see Unique).
func (f *Faker) UniqueSlug() string { return f.Unique(f.Slug()) }

// Unique makes s unique by appending "-" and a number from a sequence the
// whole process shares (and Seed restarts): the values of unique columns
// never collide, at any count, with no retry loop — go-faker's unique mode
// retries and fails as the space fills, long before 100,000 rows.
func (f *Faker) Unique(s string) string { return s + "-" + strconv.FormatInt(nextSeq(), 10) }

// URL is an https URL at a documentation domain.
func (f *Faker) URL() string {
	return "https://" + f.Pick("example.com", "example.org", "example.net") + "/" + f.Slug()
}

// Phone is a North American number in E.164 form (+1 and ten digits, with a
// 555 exchange, which is reserved for fiction).
func (f *Faker) Phone() string {
	return "+1" + strconv.Itoa(200+f.r.IntN(800)) + "555" + strconv.Itoa(1000+f.r.IntN(9000))
}

// Address is a real-looking street address.
func (f *Faker) Address() string { return faker.GetRealAddress().Address }

// City is a city name.
func (f *Faker) City() string { return faker.GetRealAddress().City }

// Zip is a postal code.
func (f *Faker) Zip() string { return faker.GetRealAddress().PostalCode }

// Country is a country name.
func (f *Faker) Country() string { return faker.GetCountryInfo().Name }

// Password is the bcrypt hash of DevPassword. It is a constant: hashing per
// row would cost ~50 ms each, and a fresh salt per run would break Seed's
// promise of identical rows.
func (f *Faker) Password() string { return devPasswordHash }

// JSON is a small object such as {"color":"lorem","count":3,"enabled":true}.
func (f *Faker) JSON() []byte {
	b, _ := json.Marshal(map[string]any{
		"label":   f.Word(),
		"count":   f.r.IntN(100),
		"enabled": f.Bool(),
	})
	return b
}

// lorem is the classic lorem ipsum vocabulary.
var lorem = strings.Fields(`lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod
tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation
ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate velit
esse cillum fugiat nulla pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui
officia deserunt mollit anim id est laborum perspiciatis unde omnis iste natus error voluptatem
accusantium doloremque laudantium totam rem aperiam eaque ipsa quae ab illo inventore veritatis
quasi architecto beatae vitae dicta explicabo nemo ipsam quia voluptas aspernatur aut odit fugit
consequuntur magni dolores eos ratione sequi nesciunt neque porro quisquam dolorem adipisci numquam
eius modi tempora incidunt magnam quaerat`)

// UniqueInt is a number no other UniqueInt of the process has returned (see
// Unique), for unique integer columns.
func (f *Faker) UniqueInt() int64 { return nextSeq() }

// Fit cuts s to at most n bytes on a word boundary, for VARCHAR(n) columns,
// which PostgreSQL enforces.
func (f *Faker) Fit(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n+1], ' ')
	if cut <= 0 {
		return s[:n]
	}
	return s[:cut]
}

// FitEmail cuts an address to at most n bytes and keeps it an address, for
// email columns smaller than an address can be: the local part loses bytes
// from its front, so the domain and a UniqueEmail's sequence number (the end
// of its local part) are kept, and so is its uniqueness. An address whose
// domain leaves no room for a local part is cut as Fit cuts it.
func (f *Faker) FitEmail(s string, n int) string {
	at := strings.LastIndexByte(s, '@')
	if len(s) <= n || at < 0 {
		return f.Fit(s, n)
	}
	room := n - (len(s) - at) // bytes left for the local part
	if room < 1 {
		return f.Fit(s, n)
	}
	local := strings.TrimLeft(s[at-room:at], "._-")
	if local == "" {
		return f.Fit(s, n)
	}
	return local + s[at:]
}

// OneOf is one of values: an enum field's constants, say.
func OneOf[V any](f *Faker, values ...V) V { return values[f.r.IntN(len(values))] }

// Ptr returns a pointer to v, for nullable fields.
func Ptr[V any](v V) *V { return &v }
