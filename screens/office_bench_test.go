package screens

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

// officeBenchDB is a database of n generated year-long couples, made once and kept in the
// temporary folder (the app package's office benchmarks make and use the same files).
func officeBenchDB(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), "kintsugi-office-bench", fmt.Sprintf("screens-%d-s%d.db", n, data.SchemaVersion()))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		b.Fatal(err)
	}
	tmp := path + ".new"
	data.RemoveBackup(tmp)
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	st, err := app.OpenStore(context.Background(), tmp, data.WithClock(func() time.Time { return now }))
	if err != nil {
		b.Fatal(err)
	}
	content, err := app.LoadContent("en")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := app.GenerateOffice(context.Background(), st, content, n, now); err != nil {
		b.Fatal(err)
	}
	if _, err := st.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkStartFirstFrame opens the store and draws the start screen's first frame with the
// list of couples (software renderer), as a start does: the lines in view with the step each
// couple reached and what is due. Work the window starts in the background (the full integrity
// check) runs once the frame is drawn, outside the timing. The metric heap-MiB is the Go heap
// the open window holds once that is done and the garbage collected.
func BenchmarkStartFirstFrame(b *testing.B) {
	for _, n := range []int{0, 1, 500} {
		b.Run(fmt.Sprintf("couples=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "empty.db")
			if n > 0 {
				path = officeBenchDB(b, n)
			}
			content, err := app.LoadContent("en")
			if err != nil {
				b.Fatal(err)
			}
			a := test.NewTempApp(b)
			var heap uint64
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				before := ms.HeapInuse
				began := processCPU()
				b.StartTimer()
				st, err := app.OpenStore(context.Background(), path)
				if err != nil {
					b.Fatal(err)
				}
				state := app.NewState(context.Background(), st, content)
				// As in the app, background work starts after the first frame.
				var later []func()
				w := newMainWindow(a, state, func(f func()) { later = append(later, f) })
				w.Win.Resize(fyne.NewSize(1100, 740))
				w.Win.Canvas().Capture()
				if n > 0 && w.Start.Len() != n {
					b.Fatalf("%d couples listed", w.Start.Len())
				}
				b.StopTimer()
				cpu += processCPU() - began
				for _, f := range later {
					f()
				}
				runtime.GC()
				runtime.ReadMemStats(&ms)
				heap = ms.HeapInuse - min(before, ms.HeapInuse)
				w.Win.Close()
				state.Close()
				st.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(heap)/(1<<20), "heap-MiB")
			// CPU time of the process while timed: on a machine other work shares, wall
			// time varies by 2x, the CPU this work takes much less.
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}
