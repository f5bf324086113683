package newapp

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/gocode"
	"github.com/kilnhq/kiln/generators/plan"
)

const (
	runtimeApp     = KilnModule + "/runtime/app"
	runtimeDB      = KilnModule + "/runtime/db"
	runtimeWeb     = KilnModule + "/runtime/web"
	runtimeMigrate = KilnModule + "/runtime/migrate"
	runtimeSeed    = KilnModule + "/runtime/seed"
)

// addGoFiles adds main.go, routes/api.go and the root seeder.
func addGoFiles(o Options, p *plan.Plan) error {
	files := []struct {
		path string
		file *jen.File
	}{
		{"main.go", mainFile(o)},
		{"routes/api.go", routesFile(o)},
		{"database/seeders/database_seeder.go", seederFile(o)},
		{"database/migrations/migrations.go", migrationsFile(o)},
	}
	for _, f := range files {
		src, err := gocode.Render(f.path, f.file, o.Module, runtimeApp, runtimeDB, runtimeWeb, runtimeMigrate, runtimeSeed, o.Module+"/routes", o.Module+"/database/migrations", o.Module+"/database/seeders")
		if err != nil {
			return err
		}
		p.AddFormatted(f.path, src)
	}
	return nil
}

// mainFile hands control to the runtime, which provides the app's subcommands.
func mainFile(o Options) *jen.File {
	f := jen.NewFile("main")
	f.PackageComment(fmt.Sprintf("Command %s is a kiln app: `go run . serve` starts it, `go run . help` lists its commands.", o.Name))
	f.Func().Id("main").Params().Block(
		jen.Qual("os", "Exit").Call(jen.Qual(runtimeApp, "Main").Call(jen.Qual(runtimeApp, "Config").Values(jen.Dict{
			jen.Id("Name"):       jen.Lit(o.Name),
			jen.Id("Routes"):     jen.Qual(o.Module+"/routes", "API"),
			jen.Id("Migrations"): jen.Qual(o.Module+"/database/migrations", "Set"),
			jen.Id("Seeders"):    jen.Qual(o.Module+"/database/seeders", "All"),
		}))),
	)
	return f
}

// routesFile is where the app's routes are registered; kiln's route editor later
// adds resource registrations inside API.
func routesFile(o Options) *jen.File {
	f := jen.NewFilePathName(o.Module+"/routes", "routes")
	f.PackageComment("Package routes registers the app's HTTP routes.")
	f.Comment("API registers the app's JSON API on r. `kiln make controller --resource` adds")
	f.Comment("its routes here, handing each controller the database; add your own with")
	f.Comment("r.Get, r.Post, … or r.Handle.")
	f.Func().Id("API").Params(
		jen.Id("r").Op("*").Qual(runtimeWeb, "Router"),
		jen.Id("database").Op("*").Qual(runtimeDB, "DB"),
	).Block()
	return f
}

// seederFile is the root seeder that `kiln db seed` runs.
func seederFile(o Options) *jen.File {
	f := jen.NewFilePathName(o.Module+"/database/seeders", "seeders")
	f.PackageComment("Package seeders fills the database with development and test data.")
	f.Comment("All lists the app's seeders: `kiln db seed --class Name` runs one of them by")
	f.Comment("name. `kiln make seeder` adds new ones here and to DatabaseSeeder.Run.")
	f.Var().Id("All").Op("=").Index().Qual(runtimeSeed, "Seeder").Values(jen.Line().Id("DatabaseSeeder").Values(), jen.Line())
	f.Line()
	f.Comment("DatabaseSeeder is the root seeder: `kiln db seed` runs it, and it runs the others.")
	f.Type().Id("DatabaseSeeder").Struct()
	f.Line()
	f.Comment("Run seeds the database by calling the app's other seeders, each at most once.")
	f.Func().Params(jen.Id("DatabaseSeeder")).Id("Run").Params(
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("s").Op("*").Qual(runtimeSeed, "Seeding"),
	).Error().Block(jen.Return(jen.Id("s").Dot("Call").Call(jen.Id("ctx"))))
	return f
}

// migrationsFile declares the app's migration history. Embedding "*" always matches
// this file itself, so the package compiles before the first SQL migration exists;
// runtime/migrate reads only the *.sql files from it.
func migrationsFile(o Options) *jen.File {
	f := jen.NewFilePathName(o.Module+"/database/migrations", "migrations")
	f.PackageComment("Package migrations is the app's migration history: the SQL files in this directory")
	f.PackageComment("and the Go migrations its other files add, run in version order.")
	f.Comment("//go:embed *")
	f.Var().Id("files").Qual("embed", "FS")
	f.Line()
	f.Comment("Set holds every migration of the app. `kiln make migration` adds files here.")
	f.Var().Id("Set").Op("=").Qual(runtimeMigrate, "NewSet").Call(jen.Id("files"))
	return f
}
