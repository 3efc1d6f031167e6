package app

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"kintsugi/couple"
	"kintsugi/data"
)

func TestSaverCoalescesAndFlushes(t *testing.T) {
	var runs, last atomic.Int64
	var saved atomic.Int64
	s := NewSaver(context.Background(), time.Hour, func(time.Time, error) { saved.Add(1) })
	defer s.Close()
	for i := int64(1); i <= 100; i++ {
		s.Queue("letter", func(context.Context) error {
			runs.Add(1)
			last.Store(i)
			return nil
		})
	}
	s.Queue("other", func(context.Context) error { runs.Add(1); return nil })
	s.Flush() // a delay of an hour must not hold a flush back
	if runs.Load() != 2 || last.Load() != 100 {
		t.Fatalf("runs = %d, last = %d; want the newest letter save and the other one", runs.Load(), last.Load())
	}
	if saved.Load() == 0 {
		t.Error("onSaved was not called")
	}
}

func TestSaverReportsErrors(t *testing.T) {
	got := make(chan error, 1)
	s := NewSaver(context.Background(), 0, func(_ time.Time, err error) { got <- err })
	defer s.Close()
	s.Queue("x", func(context.Context) error { return errors.New("disk full") })
	s.Flush()
	if err := <-got; err == nil || err.Error() != "disk full" {
		t.Errorf("reported %v", err)
	}
}

func TestSampleIsComplete(t *testing.T) {
	ctx := context.Background()
	st, content := openWithContent(t)
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	c, err := CreateSample(ctx, st, content, now)
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.Dossier(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range Journey[:len(Journey)-1] {
		if p := Progress(content, d, step); p != 1 {
			t.Errorf("step %s is %.0f%% done in the sample", step, p*100)
		}
	}
	agreed := d.Agreed()
	if len(agreed) < 10 || len(agreed) > 13 {
		t.Errorf("%d agreed commitments, want about ten", len(agreed))
	}
	a := d.LatestAgreement()
	if a == nil || !a.Frozen() || len(a.Items) != len(agreed) {
		t.Fatalf("agreement: %+v", a)
	}
	for _, sig := range a.Signatures {
		img, err := png.Decode(bytes.NewReader(sig.PNG))
		if err != nil || img.Bounds().Dx() != SignatureSize.X {
			t.Errorf("signature of %s: %v", sig.Partner, err)
		}
	}
	if d.LastTrackedWeek() != SampleWeeks || len(d.CheckIns) != SampleWeeks {
		t.Errorf("tracked %d weeks with %d check-ins", d.LastTrackedWeek(), len(d.CheckIns))
	}
	if d.Letter.Status != data.LetterGiven || len(d.Letter.Text) < 500 {
		t.Errorf("letter: %+v", d.Letter)
	}
	for _, cm := range d.Commitments {
		if e := content.Entry(cm.CatalogID); e != nil && e.Monitoring && cm.Agreed() && cm.ReviewDate.IsZero() {
			t.Errorf("monitoring commitment %s is agreed without a review date", cm.CatalogID)
		}
	}
	// Twelve weeks in, like a real couple mid-agreement: only this week's check-in is due, the
	// review and the end of monitoring lie ahead (once they both fell on the day it was made).
	today := data.DateOf(now)
	if !today.Before(a.ReviewDate) {
		t.Errorf("the example's review date %s is not ahead of %s", a.ReviewDate, today)
	}
	monitoring := func(id string) bool { e := content.Entry(id); return e != nil && e.Monitoring }
	due := couple.WhatIsDue(today, false, d.Agreements, d.Commitments, monitoring)
	if len(due) != 1 || due[0].Kind != couple.DueCheckIn {
		t.Errorf("due for the example on the day it is made: %+v, want only the check-in", due)
	}
	for _, cm := range d.Commitments {
		if monitoring(cm.CatalogID) && (!today.Before(cm.ReviewDate) || a.ReviewDate.Before(cm.ReviewDate)) {
			t.Errorf("monitoring %s ends %s: want after today and by the review %s", cm.CatalogID, cm.ReviewDate, a.ReviewDate)
		}
	}
}

func TestKeyboardPrivacy(t *testing.T) {
	private := data.Answer{Partner: data.PartnerA, Text: "only mine"}
	shared := data.Answer{Partner: data.PartnerA, Text: "ours", Shared: true}
	if !CanSee(KeyboardA, private) || CanSee(KeyboardB, private) || CanSee(KeyboardBoth, private) {
		t.Error("a private answer is visible to the wrong person")
	}
	if !CanSee(KeyboardB, shared) || !CanSee(KeyboardBoth, shared) {
		t.Error("a shared answer is hidden")
	}
}

func TestRenderSignatureDrawsInk(t *testing.T) {
	b, err := RenderSignature(handwriting(1, 300, 100), 300, 100)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	inked := 0
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a > 0 {
				inked++
			}
		}
	}
	if inked < 500 {
		t.Errorf("only %d inked pixels", inked)
	}
	if b, _ := RenderSignature(nil, 300, 100); b != nil {
		t.Error("an empty pad produced an image")
	}
}

func TestDataFolderSetting(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	def, err := DefaultDBPath()
	if err != nil {
		t.Fatal(err)
	}
	office := t.TempDir()
	if err := SetDataFolder(office); err != nil {
		t.Fatal(err)
	}
	if got, _ := DefaultDBPath(); got != filepath.Join(office, DBFileName) {
		t.Errorf("with a chosen folder: %s", got)
	}
	if err := SetDataFolder("relative/path"); err == nil {
		t.Error("a relative folder was accepted")
	}
	if err := SetDataFolder(""); err != nil {
		t.Fatal(err)
	}
	if got, _ := DefaultDBPath(); got != def {
		t.Errorf("back to the default: %s, want %s", got, def)
	}
}

func TestSampleFileIsComplete(t *testing.T) {
	s, err := LoadSample("en")
	if err != nil {
		t.Fatal(err)
	}
	if s.Language != "en" || len(s.WeekNotes) == 0 || !strings.HasPrefix(s.Letter, "Dear "+s.NameB) {
		t.Errorf("sample: %+v", s)
	}
	if other, err := LoadSample("xx"); err != nil || other.Language != "en" {
		t.Errorf("a language without its own example falls back to English: %v", err)
	}
}

// A failure half-way through making the example leaves no half-made couple behind.
func TestSampleIsCreatedInOneTransaction(t *testing.T) {
	ctx := context.Background()
	st, content := openWithContent(t)
	// The disk "fills up" at the weekly check-ins, the last part written.
	if _, err := st.DB().ExecContext(ctx, `CREATE TRIGGER full BEFORE INSERT ON checkins BEGIN SELECT RAISE(ABORT, 'disk full'); END`); err != nil {
		t.Fatal(err)
	}
	if _, err := CreateSample(ctx, st, content, time.Now()); err == nil {
		t.Fatal("the example was made although a write failed")
	}
	if cases, err := st.Cases(ctx); err != nil || len(cases) != 0 {
		t.Fatalf("a half-made example was left behind: %+v %v", cases, err)
	}
	if _, ok, err := st.ExampleCase(ctx); ok || err != nil {
		t.Fatalf("an example is marked: %v %v", ok, err)
	}
}

// openWithContent is a new store in a temp dir, closed when the test ends, and the English
// content.
func openWithContent(t *testing.T) (*data.Store, *data.Content) {
	t.Helper()
	st, err := OpenStore(context.Background(), filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	content, err := LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	return st, content
}
