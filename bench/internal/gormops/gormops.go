// Package gormops is the GORM side of the ORM benchmarks, whichever
// dialector and driver it runs on: the models as a GORM user writes them,
// GORM's fastest configuration, and the three benchmarked operations. It
// links no SQLite driver; the benchmark packages bring theirs.
package gormops

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/kilnhq/kiln/bench/internal/fixture"
)

// User and Post have the fields of fixture.User and fixture.Post; GORM's
// naming conventions map them to the same tables and columns, and Author to
// a belongs-to through AuthorID.
type User struct {
	ID        int64
	Name      string
	Email     string
	CreatedAt time.Time
	UpdatedAt time.Time
}

type Post struct {
	ID        int64
	Title     string
	Body      *string
	Views     int64
	AuthorID  int64
	CreatedAt time.Time
	UpdatedAt time.Time

	Author *User
}

// Config is GORM at its fastest: prepared statements cached
// (PrepareStmt), no transaction around single writes
// (SkipDefaultTransaction), no logging; timestamps stamped as kiln stamps
// them.
func Config() *gorm.Config {
	return &gorm.Config{
		PrepareStmt:            true,
		SkipDefaultTransaction: true,
		Logger:                 logger.Discard,
		NowFunc:                fixture.Now,
	}
}

// FindByID is GORM's primary-key lookup. Take, not First: First adds
// ORDER BY id, which kiln's Find and the raw query do not.
func FindByID(ctx context.Context, g *gorm.DB, id int64) (*Post, error) {
	p := new(Post)
	if err := g.WithContext(ctx).Take(p, id).Error; err != nil {
		return nil, err
	}
	return p, nil
}

// List100 is the page after id `after` with its authors, Preload'ed. The
// slice is pre-sized, as kiln and raw size theirs from the limit.
func List100(ctx context.Context, g *gorm.DB, after int64) ([]Post, error) {
	posts := make([]Post, 0, fixture.Page)
	err := g.WithContext(ctx).Preload("Author").Where("id > ?", after).Order("id").Limit(fixture.Page).Find(&posts).Error
	return posts, err
}

// Insert creates the benchmark's row and returns its id.
func Insert(ctx context.Context, g *gorm.DB) (int64, error) {
	p := Post{Title: fixture.InsertTitle, Body: &fixture.InsertBody, Views: fixture.InsertViews, AuthorID: fixture.InsertAuthor}
	err := g.WithContext(ctx).Create(&p).Error
	return p.ID, err
}

// Impl is GORM on g, for fixture.CheckImpl.
func Impl(g *gorm.DB) fixture.Impl {
	return fixture.Impl{
		Find: func(ctx context.Context, id int64) (fixture.Post, error) {
			p, err := FindByID(ctx, g, id)
			if err != nil {
				return fixture.Post{}, err
			}
			return toFixture(*p), nil
		},
		List: func(ctx context.Context, after int64) ([]fixture.Post, error) {
			posts, err := List100(ctx, g, after)
			out := make([]fixture.Post, len(posts))
			for i, p := range posts {
				out[i] = toFixture(p)
			}
			return out, err
		},
		Insert: func(ctx context.Context) (int64, error) { return Insert(ctx, g) },
	}
}

func toFixture(p Post) fixture.Post {
	f := fixture.Post{ID: p.ID, Title: p.Title, Body: p.Body, Views: p.Views, AuthorID: p.AuthorID, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	if a := p.Author; a != nil {
		f.Author = &fixture.User{ID: a.ID, Name: a.Name, Email: a.Email, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
	}
	return f
}
