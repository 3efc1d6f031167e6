package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"kintsugi/data"
	"kintsugi/workbook"
)

// The office benchmarks measure the same generated couple alone and among 500. Generating 500
// couples takes minutes, so the database is made once per schema version and kept in the
// system's temporary folder; each benchmark that writes works on its own copy.

var officeNow = time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)

const officeGenVersion = 1 // bump when GenerateOffice changes what it writes

var officeDBs sync.Map // n -> path

func officeDB(b *testing.B, n int) string {
	b.Helper()
	if p, ok := officeDBs.Load(n); ok {
		return p.(string)
	}
	dir := filepath.Join(os.TempDir(), "kintsugi-office-bench")
	path := filepath.Join(dir, fmt.Sprintf("office-%d-s%d-g%d.db", n, data.SchemaVersion(), officeGenVersion))
	if _, err := os.Stat(path); err != nil {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			b.Fatal(err)
		}
		tmp := path + ".new"
		data.RemoveBackup(tmp)
		st, err := OpenStore(context.Background(), tmp, data.WithClock(func() time.Time { return officeNow }))
		if err != nil {
			b.Fatal(err)
		}
		content, err := LoadContent("en")
		if err != nil {
			b.Fatal(err)
		}
		began := time.Now()
		if _, err := GenerateOffice(context.Background(), st, content, n, officeNow); err != nil {
			b.Fatal(err)
		}
		// Fold the write-ahead log in, so the cached file is whole by itself.
		if _, err := st.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			b.Fatal(err)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		info, _ := os.Stat(tmp)
		b.Logf("generated %d couples in %s (%.1f MiB)", n, time.Since(began).Round(time.Millisecond), float64(info.Size())/(1<<20))
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
	}
	officeDBs.Store(n, path)
	return path
}

// officeCopy is a private copy of the n-couple database for a benchmark that writes.
func officeCopy(b *testing.B, n int) string {
	b.Helper()
	src := officeDB(b, n)
	dst := filepath.Join(b.TempDir(), "k.db")
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return dst
}

var officeSizes = []int{1, 500}

func openOffice(b *testing.B, path string) *data.Store {
	b.Helper()
	st, err := OpenStore(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// reportCPU reports the CPU time the process took per loop since began: on a machine other work
// shares, wall time varies by 2x or more, the CPU a piece of work takes far less. (GC threads
// count too.)
func reportCPU(b *testing.B, began time.Duration) {
	b.ReportMetric(float64((processCPU()-began).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkOfficeOpen opens the store as every command and every start does.
func BenchmarkOfficeOpen(b *testing.B) {
	for _, n := range officeSizes {
		b.Run(fmt.Sprintf("couples=%d", n), func(b *testing.B) {
			path := officeCopy(b, n)
			for b.Loop() {
				st, err := data.Open(context.Background(), path)
				if err != nil {
					b.Fatal(err)
				}
				if err := st.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOfficeList lists the couples with how far each has come, as the start screen does in
// an office: how many there are, and the first screenful of lines (ListPage) with the step each
// reached and what is due; the other lines are read as they come into view.
func BenchmarkOfficeList(b *testing.B) {
	content, err := LoadContent("en")
	if err != nil {
		b.Fatal(err)
	}
	// One screenful of couples too: what the list costs beyond it, 500 couples add.
	for _, n := range []int{1, ListPage, 500} {
		b.Run(fmt.Sprintf("couples=%d", n), func(b *testing.B) {
			st := openOffice(b, officeDB(b, n))
			defer reportCPU(b, processCPU())
			for b.Loop() {
				l, err := NewCoupleList(context.Background(), st, content, true, "")
				if err != nil {
					b.Fatal(err)
				}
				if l.Len() != n || l.Loaded() != min(n, ListPage) || l.rows[0].Step == "" {
					b.Fatalf("%d couples, %d read, first %+v", l.Len(), l.Loaded(), l.rows[0])
				}
			}
		})
	}
}

// BenchmarkOfficeListAll reads every line of the list, as scrolling to its end does.
func BenchmarkOfficeListAll(b *testing.B) {
	content, err := LoadContent("en")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range officeSizes {
		b.Run(fmt.Sprintf("couples=%d", n), func(b *testing.B) {
			st := openOffice(b, officeDB(b, n))
			defer reportCPU(b, processCPU())
			for b.Loop() {
				rows, err := ListCouples(context.Background(), st, content)
				if err != nil {
					b.Fatal(err)
				}
				if len(rows) != n || rows[n-1].Step == "" {
					b.Fatalf("%d rows", len(rows))
				}
			}
		})
	}
}

// BenchmarkOfficeWorkbook prints one couple's year-long workbook (the same couple each time).
func BenchmarkOfficeWorkbook(b *testing.B) {
	for _, n := range officeSizes {
		b.Run(fmt.Sprintf("couples=%d", n), func(b *testing.B) {
			st := openOffice(b, officeDB(b, n))
			out := filepath.Join(b.TempDir(), "w.pdf")
			for b.Loop() {
				if err := ExportWorkbook(context.Background(), st, 1, out, workbook.Options{Weeks: OfficeWeeks, Now: officeNow}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOfficeSaveAnswer saves one answer, in its own transaction, as typing does.
func BenchmarkOfficeSaveAnswer(b *testing.B) {
	for _, n := range officeSizes {
		b.Run(fmt.Sprintf("couples=%d", n), func(b *testing.B) {
			st := openOffice(b, officeCopy(b, n))
			// The full check before the first write has run, as the window runs it at start.
			if err := st.Verify(context.Background()); err != nil {
				b.Fatal(err)
			}
			i := 0
			defer reportCPU(b, processCPU())
			for b.Loop() {
				i++
				a := data.Answer{CaseID: 1, Partner: data.PartnerA, QuestionID: "CLAR-01", Text: fmt.Sprintf("Answer %d", i), Shared: true}
				if err := st.SaveAnswer(context.Background(), a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOfficeDeleteCouple deletes one couple, as the window does while it waits: each loop
// on a fresh copy of the database (copying is not timed).
func BenchmarkOfficeDeleteCouple(b *testing.B) {
	for _, n := range officeSizes {
		b.Run(fmt.Sprintf("couples=%d", n), func(b *testing.B) {
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				st, err := data.Open(context.Background(), officeCopy(b, n))
				if err != nil {
					b.Fatal(err)
				}
				// The full check before the first write has run, as the window runs it at start.
				if err := st.Verify(context.Background()); err != nil {
					b.Fatal(err)
				}
				began := processCPU()
				b.StartTimer()
				if err := st.DeleteCase(context.Background(), int64(n)); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				cpu += processCPU() - began
				if err := st.Close(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkOfficeVerify is the full integrity check: in the background after the window opens,
// before a command's first write, and on each backup's copy.
func BenchmarkOfficeVerify(b *testing.B) {
	for _, n := range officeSizes {
		b.Run(fmt.Sprintf("couples=%d", n), func(b *testing.B) {
			path := officeDB(b, n)
			for b.Loop() {
				if err := data.CheckFile(context.Background(), path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
