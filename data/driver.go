package data

import (
	"database/sql"

	"github.com/mattn/go-sqlite3"
)

// driverName is SQLite with Kintsugi's own functions: the office's search matches names the way
// Go compares text (any script, any case), which SQLite's LIKE does for ASCII only.
const driverName = "sqlite3-kintsugi"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		return c.RegisterFunc("kintsugi_match", func(code, nameA, nameB, q string) bool {
			return Case{Code: code, NameA: nameA, NameB: nameB}.Matches(q)
		}, true)
	}})
}
