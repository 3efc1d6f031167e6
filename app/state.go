package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"kintsugi/couple"
	"kintsugi/data"
)

// Keyboard says who is at the keyboard now: one partner, or both together (a couple's rule).
type Keyboard = couple.Keyboard

const (
	KeyboardA    = couple.KeyboardA
	KeyboardB    = couple.KeyboardB
	KeyboardBoth = couple.KeyboardBoth
)

// CanSee reports whether whoever is at the keyboard may read answer a: its author, or anyone
// once the author has shared it.
func CanSee(k Keyboard, a data.Answer) bool { return k.CanSee(a.Partner, a.Shared) }

// SaveDelay is how long typing may pause before it is saved.
const SaveDelay = 600 * time.Millisecond

// State is what the window works on: the store, the content, the open couple and who is at the
// keyboard. Saves go through a Saver, off the UI goroutine.
type State struct {
	ctx   context.Context
	Store *data.Store
	saver *Saver

	// content is swapped by a change of language on the UI goroutine while background work
	// (the list of couples, a save's message) reads it: one atomic pointer, never torn.
	content atomic.Pointer[data.Content]

	// storeMu lets Restore swap the store while no save and no backup runs on it: they hold it
	// for reading, Restore for writing.
	storeMu sync.RWMutex

	mu        sync.Mutex
	caseID    int64
	keyboard  Keyboard
	lastSaved time.Time
	lastErr   error
	onSaved   func(at time.Time, err error)
}

// NewState wraps an open store for the window.
func NewState(ctx context.Context, st *data.Store, content *data.Content) *State {
	s := &State{ctx: ctx, Store: st, keyboard: KeyboardBoth}
	s.content.Store(content)
	s.saver = NewSaver(ctx, SaveDelay, s.saved)
	return s
}

// Content is the texts of the window's language; safe from any goroutine.
func (s *State) Content() *data.Content { return s.content.Load() }

// SetContent changes the window's language; safe from any goroutine.
func (s *State) SetContent(c *data.Content) { s.content.Store(c) }

func (s *State) saved(at time.Time, err error) {
	s.mu.Lock()
	if err == nil {
		s.lastSaved = at
	}
	s.lastErr = err
	cb := s.onSaved
	s.mu.Unlock()
	if cb != nil {
		cb(at, err)
	}
}

// OnSaved sets what runs after each save (on the saver's goroutine: UI code wraps it in fyne.Do).
func (s *State) OnSaved(fn func(at time.Time, err error)) {
	s.mu.Lock()
	s.onSaved = fn
	s.mu.Unlock()
}

// LastSaved is when the last save succeeded, and the error of the last save, if any.
func (s *State) LastSaved() (time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastSaved, s.lastErr
}

// Context is the context the window's commands run in.
func (s *State) Context() context.Context { return s.ctx }

// Save queues a write under key; a newer write with the same key replaces a pending one.
func (s *State) Save(key string, fn func(ctx context.Context, st *data.Store) error) {
	s.saver.Queue(key, func(ctx context.Context) error {
		s.storeMu.RLock()
		defer s.storeMu.RUnlock()
		return fn(ctx, s.Store)
	})
}

// SetSaveDelay changes the typing pause before a save; tests make it long so that saves
// happen only when they Flush, on the test's goroutine.
func (s *State) SetSaveDelay(d time.Duration) { s.saver.SetDelay(d) }

// Flush waits until everything queued is saved.
func (s *State) Flush() { s.saver.Flush() }

// Close saves what is pending and stops saving. The store is closed by its owner.
func (s *State) Close() error {
	s.saver.Close()
	_, err := s.LastSaved()
	return err
}

// Cases lists the couples on this machine, the most recently active first.
func (s *State) Cases() ([]data.Case, error) { return s.Store.Cases(s.ctx) }

// Open makes a couple the current one; nobody in particular is at the keyboard yet, and each
// partner's PIN is asked afresh.
func (s *State) Open(caseID int64) (*data.Dossier, error) {
	s.Flush()
	s.ClosePrivate()
	s.Store.ClosePINs(caseID)
	d, err := s.Store.Dossier(s.ctx, caseID)
	if err != nil {
		return nil, fmt.Errorf("open couple: %w", err)
	}
	s.mu.Lock()
	s.caseID, s.keyboard = caseID, KeyboardBoth
	s.mu.Unlock()
	return d, nil
}

// CloseCase returns to no open couple; what was opened with a PIN closes.
func (s *State) CloseCase() {
	s.Flush()
	s.ClosePrivate()
	s.mu.Lock()
	s.caseID, s.keyboard = 0, KeyboardBoth
	s.mu.Unlock()
}

// ClosePrivate saves what is pending, then closes the open couple's PIN-protected answers: on
// a hand-over, on hiding, when idle.
func (s *State) ClosePrivate() {
	s.Flush()
	if id := s.CaseID(); id != 0 {
		s.Store.ClosePINs(id)
	}
}

// CaseID is the open couple's ID, or 0.
func (s *State) CaseID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.caseID
}

// Dossier reads the open couple's data afresh, after pending saves.
func (s *State) Dossier() (*data.Dossier, error) {
	s.Flush()
	id := s.CaseID()
	if id == 0 {
		return nil, fmt.Errorf("no couple is open")
	}
	return s.Store.Dossier(s.ctx, id)
}

// Keyboard is who is at the keyboard now.
func (s *State) Keyboard() Keyboard {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.keyboard
}

// SetKeyboard changes who is at the keyboard. Whatever a partner opened with their PIN closes
// when anyone else takes the keyboard, and their PIN is asked again when it comes back.
func (s *State) SetKeyboard(k Keyboard) {
	s.Flush()
	if couple.ClosesPrivate(s.Keyboard(), k) {
		s.ClosePrivate()
	}
	s.mu.Lock()
	s.keyboard = k
	s.mu.Unlock()
}

// CreateCase stores a new couple and opens it.
func (s *State) CreateCase(c data.Case) (data.Case, error) {
	if c.StartDate.IsZero() {
		c.StartDate = data.DateOf(Now())
	}
	c, err := s.Store.CreateCase(s.ctx, c)
	if err != nil {
		return c, err
	}
	_, err = s.Open(c.ID)
	return c, err
}

// OpenSample opens the example couple, creating it the first time. It is found by its mark,
// never by its names: a real couple called Sam and Alex is theirs, not the example.
func (s *State) OpenSample() (data.Case, error) {
	c, ok, err := s.Store.ExampleCase(s.ctx)
	if err != nil {
		return c, err
	}
	if !ok {
		if c, err = CreateSample(s.ctx, s.Store, s.Content(), Now()); err != nil {
			return c, err
		}
	}
	_, err = s.Open(c.ID)
	return c, err
}

// StartBackups runs the full check of the database in the background, then backs it up if a
// day has passed since the last backup, and checks again every hour while the app runs.
// Failures are reported through OnSaved, like a failed save; damage (found by the check or by
// the backup's check of its copy) is also passed to onDamage, once, so the window can say so
// and offer a backup. The store writes nothing more after damage is found.
func (s *State) StartBackups(onDamage func(error)) {
	var once sync.Once
	damaged := func(err error) bool {
		if !data.IsDamaged(err) {
			return false
		}
		if onDamage != nil {
			once.Do(func() { onDamage(err) })
		}
		return true
	}
	run := func() {
		s.storeMu.RLock()
		defer s.storeMu.RUnlock()
		if err := s.Store.Verify(s.ctx); err != nil {
			damaged(err)
			s.saved(time.Now(), fmt.Errorf("check the data file: %w", err))
			return
		}
		if _, err := AutoBackup(s.ctx, s.Store, Now()); err != nil {
			damaged(err)
			s.saved(time.Now(), fmt.Errorf("daily backup: %w", err))
		}
	}
	go func() {
		run()
		ticker := time.NewTicker(time.Hour)
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				run()
			case <-s.ctx.Done():
				return
			}
		}
	}()
}

// AgreeCommitment records partner p's agreement to cm (or withdraws it) for whoever is at the
// keyboard now; the couple's rules decide whether they may. What is pending is saved first, so
// p agrees to the terms on screen. A commitment not stored yet is stored, unagreed, first.
func (s *State) AgreeCommitment(cm data.Commitment, p data.Partner, on bool) (data.Commitment, error) {
	s.Flush()
	if cm.ID == 0 {
		cm.AgreedA, cm.AgreedB = false, false
		saved, err := s.Store.SaveCommitment(s.ctx, cm)
		if err != nil {
			return cm, err
		}
		cm = saved
	}
	return s.Store.SetAgreed(s.ctx, cm.CaseID, cm.ID, s.Keyboard(), p, on)
}

// Reason is what a person is told about err: the rule's own words when a rule refused it.
func Reason(err error) string {
	var in *couple.InputError
	if errors.As(err, &in) {
		return in.Msg
	}
	return err.Error()
}

// Restore replaces the database with the backup from, keeping the current one among the
// backups. A backup that cannot be used is refused before anything changes. No save and no
// backup runs while the store is closed and swapped: they wait, then go on with the restored
// store (or the unchanged one, when the restore failed). A restore that succeeded closes the
// open couple; keys entered for it (passphrase, PINs) are asked again either way.
// Call it from the goroutine that reads Store (the UI's).
func (s *State) Restore(from string) error {
	if err := data.CheckFile(s.ctx, from); err != nil {
		return fmt.Errorf("restore: the backup cannot be used, nothing was changed: %w", err)
	}
	s.Flush()
	s.storeMu.Lock()
	defer s.storeMu.Unlock()
	path := s.Store.Path()
	if err := s.Store.Close(); err != nil {
		return fmt.Errorf("restore: close the database: %w", err)
	}
	restoreErr := data.Restore(s.ctx, from, path, BackupDir(path))
	st, err := OpenStore(s.ctx, path)
	if err != nil {
		return fmt.Errorf("restore: open the database again: %w", errors.Join(restoreErr, err))
	}
	s.Store = st
	if restoreErr != nil {
		return restoreErr // the database is as it was; the open couple stays open
	}
	s.mu.Lock()
	s.caseID, s.keyboard = 0, KeyboardBoth
	s.mu.Unlock()
	return nil
}
