package app

import "kintsugi/data"

// The window reaches the store only through these, so what someone typed a moment ago is saved
// before anything is read, changed or forgotten, on every path.

// ForgetKeys saves what is pending, then forgets every passphrase-derived key: Hide now, the
// idle lock, the way out of the app.
func (s *State) ForgetKeys() {
	s.Flush()
	s.Store.ForgetAll()
}

// IsLocked reports whether couple id has a passphrase.
func (s *State) IsLocked(id int64) (bool, error) { return s.Store.IsLocked(s.ctx, id) }

// IsOpen reports whether couple id can be read now: not locked, or unlocked this session.
func (s *State) IsOpen(id int64) (bool, error) { return s.Store.IsOpen(s.ctx, id) }

// Unlock opens locked couple id with its passphrase. A couple locked by an older Kintsugi has
// the rest of it sealed then (data.Store.Unlock); the backups that still show it are re-sealed
// with the key at hand, or replaced.
func (s *State) Unlock(id int64, passphrase string) error {
	if err := s.Store.Unlock(s.ctx, id, passphrase); err != nil {
		return err
	}
	_, err := SealBackups(s.ctx, s.Store, id)
	return err
}

// DeleteCase saves what is pending, closes the couple and removes it for good.
func (s *State) DeleteCase(id int64) error {
	s.CloseCase()
	return s.Store.DeleteCase(s.ctx, id)
}

// HasPIN reports whether partner p of couple id keeps their answers behind a PIN.
func (s *State) HasPIN(id int64, p data.Partner) (bool, error) { return s.Store.HasPIN(s.ctx, id, p) }

// PINOpen reports whether partner p's private answers are open now.
func (s *State) PINOpen(id int64, p data.Partner) (bool, error) {
	return s.Store.PINOpen(s.ctx, id, p)
}

// EnterPIN opens partner p's private answers with their PIN.
func (s *State) EnterPIN(id int64, p data.Partner, pin string) error {
	return s.Store.EnterPIN(s.ctx, id, p, pin)
}

// PINDamaged reports whether partner p's PIN record is damaged, so that no PIN opens it.
func (s *State) PINDamaged(id int64, p data.Partner) (bool, error) {
	return s.Store.PINDamaged(s.ctx, id, p)
}

// ReplaceDamagedPIN starts a new PIN for partner p in place of their damaged one, as whoever
// is at the keyboard (data.Store.ReplaceDamagedPIN holds who may), after pending saves.
func (s *State) ReplaceDamagedPIN(id int64, p data.Partner, pin string) error {
	s.Flush()
	return s.Store.ReplaceDamagedPIN(s.ctx, s.Keyboard(), id, p, pin)
}

// Agreements are the open couple's agreement versions, after pending saves: dates typed a
// moment ago are in the draft before anyone signs it.
func (s *State) Agreements() ([]data.Agreement, error) {
	s.Flush()
	return s.Store.Agreements(s.ctx, s.CaseID())
}

// SaveAgreement saves a draft (or the next version) after pending saves, so it is drawn up from
// the commitments as they were last typed.
func (s *State) SaveAgreement(a data.Agreement) (data.Agreement, error) {
	s.Flush()
	return s.Store.SaveAgreement(s.ctx, a)
}

// SetCode sets the code an office shows for couple id instead of names.
func (s *State) SetCode(id int64, code string) error { return s.Store.SetCode(s.ctx, id, code) }

// SetFinished keeps couple id out of the active list, or brings it back.
func (s *State) SetFinished(id int64, finished bool) error {
	return s.Store.SetFinished(s.ctx, id, finished)
}

// TherapistNotes is the therapist's own page on couple id, after pending saves.
func (s *State) TherapistNotes(id int64) (string, error) {
	s.Flush()
	return s.Store.TherapistNotes(s.ctx, id)
}

// DataPath is the database file this window works on.
func (s *State) DataPath() string { return s.Store.Path() }

// StoredDossier is couple id as the store holds it now, without waiting for what is still
// being typed: the progress beside the steps is redrawn from it after each save, and a flush
// there would save every keystroke at once.
func (s *State) StoredDossier(id int64) (*data.Dossier, error) { return s.Store.Dossier(s.ctx, id) }

// Damaged says which parts of couple d could not be opened when it was read (a *DamageError),
// or nil when none.
func (s *State) Damaged(d *data.Dossier) error { return Damaged(s.Store, d) }
