package data

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"kintsugi/couple"
)

// ErrPINNeeded means a partner's private answers are protected by their PIN, not entered yet.
var ErrPINNeeded = errors.New("these private answers are protected by their author's PIN")

// MinPINLength is the shortest PIN a partner may set.
const MinPINLength = 4

type pinKey struct {
	caseID  int64
	partner Partner
}

// pinKeys holds the keys of PINs entered in this process.
type pinKeys struct {
	mu   sync.RWMutex
	keys map[pinKey]*pinOpened
}

// pinOpened is an entered PIN: its key, and the name its values are bound to (pinAAD).
type pinOpened struct {
	*Cipher
	bind string
}

func (p *pinKeys) get(caseID int64, partner Partner) *pinOpened {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.keys[pinKey{caseID, partner}]
}

func (p *pinKeys) set(caseID int64, partner Partner, c *pinOpened) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.keys == nil {
		p.keys = map[pinKey]*pinOpened{}
	}
	if c == nil {
		delete(p.keys, pinKey{caseID, partner})
	} else {
		p.keys[pinKey{caseID, partner}] = c
	}
}

func (p *pinKeys) clear() {
	p.mu.Lock()
	clear(p.keys)
	p.mu.Unlock()
}

// pinAAD binds a value sealed with a PIN to the PIN's bind name, its partner and its label (the
// question, the week). A PIN's bind name is a random one made with the PIN, stored with it and
// carried by an export, so its texts open in another database under another case ID. A PIN set
// before bind names (pins.bind empty) is bound to its couple's case ID instead: pinBind.
func pinAAD(bind string, partner Partner, label string) []byte {
	return fmt.Appendf(nil, "kintsugi/%s/pin/%s/%s", bind, partner, label)
}

// pinBind is the bind name of a PIN whose pins.bind is stored: the case ID when it is empty.
func pinBind(caseID int64, stored string) string {
	if stored == "" {
		return strconv.FormatInt(caseID, 10)
	}
	return stored
}

// newPINBind makes a fresh, random bind name for a new PIN.
func newPINBind() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("make PIN name: %w", err)
	}
	return "pin-" + hex.EncodeToString(b), nil
}

// HasPIN reports whether partner p protects their private answers with a PIN.
func (s *Store) HasPIN(ctx context.Context, caseID int64, p Partner) (bool, error) {
	return s.hasPIN(ctx, s.db, caseID, p)
}

func (s *Store) hasPIN(ctx context.Context, q queryer, caseID int64, p Partner) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM pins WHERE case_id = ? AND partner = ?", caseID, string(p)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("read PIN: %w", err)
	}
	return n > 0, nil
}

// PINOpen reports whether partner p's private answers can be read now: no PIN, or it was entered.
func (s *Store) PINOpen(ctx context.Context, caseID int64, p Partner) (bool, error) {
	has, err := s.HasPIN(ctx, caseID, p)
	if err != nil || !has {
		return err == nil, err
	}
	return s.pins.get(caseID, p) != nil, nil
}

// EnterPIN opens partner p's private answers in this process; a wrong PIN opens nothing, and
// each wrong PIN in a row makes the next try wait longer (ErrPINWait).
func (s *Store) EnterPIN(ctx context.Context, caseID int64, p Partner, pin string) error {
	if wait := s.pinTries.wait(caseID, p, s.now()); wait > 0 {
		return &PINWaitError{Wait: wait}
	}
	r, err := s.pinOf(ctx, caseID, p)
	if err != nil || r == nil {
		return err
	}
	if r.damaged { // no PIN opens it: say so, rather than "wrong PIN"
		return fmt.Errorf("enter PIN: %w", valueError(pinCheckField, string(p), ErrDamagedValue))
	}
	c, err := pinCipher(r.kdf, pin, r.secret)
	if err != nil {
		return err
	}
	if got, err := c.Open(r.check, pinAAD(r.bind, p, "check")); err != nil || string(got) != checkPlain {
		s.pinTries.failed(caseID, p, s.now())
		return ErrWrongPassphrase
	}
	s.pinTries.reset(caseID, p)
	s.pins.set(caseID, p, &pinOpened{Cipher: c, bind: r.bind})
	return nil
}

// pinRow is a partner's PIN as it opens: the check value and secret without the couple's seal.
type pinRow struct {
	kdf           KDF
	check, secret []byte
	bind          string // the name its values are bound to (pinAAD, pinBind)
	createdAt     string
	damaged       bool // its check value or secret did not open: reported (Damaged), no PIN opens it
}

// pinOf reads partner p's PIN, or nil when they have none. Over a locked couple the check value
// and the secret are sealed with the couple's key too, so the couple must be open first.
func (s *Store) pinOf(ctx context.Context, caseID int64, p Partner) (*pinRow, error) {
	var raw string
	var r pinRow
	var wrapped bool
	var sum []byte
	err := s.db.QueryRowContext(ctx, "SELECT kdf, check_value, secret, wrapped, bind, created_at, check_sum FROM pins WHERE case_id = ? AND partner = ?",
		caseID, string(p)).Scan(&raw, &r.check, &r.secret, &wrapped, &r.bind, &r.createdAt, &sum)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read PIN: %w", err)
	}
	r.bind = pinBind(caseID, r.bind)
	if err := json.Unmarshal([]byte(raw), &r.kdf); err != nil {
		return nil, fmt.Errorf("read PIN: %w", err)
	}
	if !wrapped && len(r.secret) == 0 {
		s.checkPINSum(caseID, p, &r, sum)
		return &r, nil
	}
	rs, ok := s.sealer.(rowSealer)
	if !ok {
		return nil, errors.New("read PIN: this store uses its own sealer")
	}
	if wrapped {
		if r.check, err = s.openPINPart(rs, caseID, pinCheckField, p, r.check, &r.damaged); err != nil {
			return nil, err
		}
	}
	if len(r.secret) > 0 {
		if r.secret, err = s.openPINPart(rs, caseID, pinSecretField, p, r.secret, &r.damaged); err != nil {
			return nil, err
		}
	}
	s.checkPINSum(caseID, p, &r, sum)
	return &r, nil
}

// pinCheckSum is the digest pins.check_sum keeps of a PIN's check value (as sealed with the
// PIN's key, before any wrapping in the couple's key).
func pinCheckSum(check []byte) []byte {
	sum := sha256.Sum256(check)
	return sum[:]
}

// checkPINSum marks r damaged when its check value no longer matches the digest stored with it.
// Over a couple that is not locked nothing else could tell: the bare check value, damaged, opens
// for no PIN, just as with a wrong one. A row from before the digest (sum empty) is taken as it is.
func (s *Store) checkPINSum(caseID int64, p Partner, r *pinRow, sum []byte) {
	if r.damaged || len(sum) == 0 || hmac.Equal(sum, pinCheckSum(r.check)) {
		return
	}
	s.damage.add(caseID, pinCheckField, string(p))
	r.damaged = true
}

// openPINPart opens one sealed part of partner p's PIN. A damaged part is reported (Damaged)
// and marks the PIN damaged, rather than closing the whole couple: the PIN row still exists,
// so that partner's private texts stay closed (HasPIN), never read as having no PIN.
func (s *Store) openPINPart(rs rowSealer, caseID int64, field string, p Partner, sealed []byte, damaged *bool) ([]byte, error) {
	out, err := rs.OpenRow(caseID, field, string(p), sealed)
	if isDamage(err) {
		s.damage.add(caseID, field, string(p))
		*damaged = true
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read PIN of partner %s: %w", p, err)
	}
	s.damage.remove(caseID, field, string(p))
	return out, nil
}

// ClosePINs closes both partners' PIN-protected answers of a couple again: their keys leave
// memory, and each partner's PIN is asked again before their private answers open.
func (s *Store) ClosePINs(caseID int64) {
	for _, p := range Partners {
		s.pins.set(caseID, p, nil)
	}
}

// pinCipher derives a PIN's key: Argon2id of the PIN, and, for a PIN over a locked couple, an
// HMAC of that with the couple's sealed secret, so the PIN alone does not make the key.
func pinCipher(kdf KDF, pin string, secret []byte) (*Cipher, error) {
	key, err := kdf.Key(pin)
	if err != nil {
		return nil, err
	}
	if len(secret) > 0 {
		m := hmac.New(sha256.New, secret)
		m.Write([]byte("kintsugi pin key/"))
		m.Write(key)
		key = m.Sum(nil)
	}
	return NewCipher(key)
}

// PINWaitError asks to wait before the next PIN try, after wrong ones in a row.
type PINWaitError struct{ Wait time.Duration }

func (e *PINWaitError) Error() string {
	return fmt.Sprintf("too many wrong PINs: wait %d seconds before the next try", int(e.Wait.Round(time.Second)/time.Second))
}

// pinTries slows down guessing at the keyboard: after the third wrong PIN in a row, each next
// try waits twice as long as the last, from 2 seconds up to 5 minutes.
type pinTries struct {
	mu sync.Mutex
	m  map[pinKey]pinTry
}

type pinTry struct {
	wrong int
	last  time.Time
}

func (t *pinTries) delay(wrong int) time.Duration {
	if wrong < 3 {
		return 0
	}
	return min(time.Duration(1<<min(wrong-2, 20))*time.Second, 5*time.Minute)
}

func (t *pinTries) wait(caseID int64, p Partner, now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	tr := t.m[pinKey{caseID, p}]
	if left := tr.last.Add(t.delay(tr.wrong)).Sub(now); left > 0 {
		return left
	}
	return 0
}

func (t *pinTries) failed(caseID int64, p Partner, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil {
		t.m = map[pinKey]pinTry{}
	}
	tr := t.m[pinKey{caseID, p}]
	t.m[pinKey{caseID, p}] = pinTry{wrong: tr.wrong + 1, last: now}
}

func (t *pinTries) reset(caseID int64, p Partner) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.m, pinKey{caseID, p})
}

// SetPIN sets or changes partner p's PIN. Their private answers are re-sealed with it in one
// transaction; changing a PIN needs the current one entered first.
func (s *Store) SetPIN(ctx context.Context, caseID int64, p Partner, pin string) error {
	if !p.Valid() {
		return fmt.Errorf("set PIN: %w", &InputError{Msg: "partner must be A or B"})
	}
	if utf8.RuneCountInString(pin) < MinPINLength {
		return fmt.Errorf("set PIN: %w", &InputError{Msg: fmt.Sprintf("a PIN needs at least %d characters", MinPINLength), Key: "ui.pin.short", Args: []any{MinPINLength}})
	}
	has, err := s.HasPIN(ctx, caseID, p)
	if err != nil {
		return err
	}
	old := s.pins.get(caseID, p)
	if has && old == nil {
		return fmt.Errorf("set PIN: %w", ErrPINNeeded)
	}
	n, err := s.makePIN(ctx, caseID, p, pin)
	if err != nil {
		return err
	}
	next := n.opened
	answers, err := s.answersIn(ctx, s.db, caseID)
	if err != nil {
		return err
	}
	notes, err := s.weekNotesIn(ctx, s.db, caseID)
	if err != nil {
		return err
	}
	letter, err := s.letterIn(ctx, s.db, caseID)
	if err != nil {
		return err
	}
	s.pins.set(caseID, p, next) // answers are re-sealed with the new key below
	err = s.write(ctx, caseID, "set PIN", func(tx *sql.Tx) error {
		if err := s.putPIN(ctx, tx, caseID, p, n); err != nil {
			return err
		}
		for _, a := range answers { // sealed after the PIN row exists, so sealAnswer sees it
			if a.Partner != p || a.Shared || a.Lost { // a lost text stays as it is: nobody can open it
				continue
			}
			body, sealed, err := s.sealAnswer(ctx, tx, a)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "UPDATE answers SET body = ?, pin_sealed = ? WHERE case_id = ? AND partner = ? AND question_id = ?",
				body, boolInt(sealed), caseID, string(p), a.QuestionID); err != nil {
				return err
			}
		}
		return s.resealOwnTexts(ctx, tx, caseID, p, notes, letter)
	})
	if err != nil {
		s.pins.set(caseID, p, old)
		return err
	}
	return s.scrub(ctx)
}

// newPIN is a PIN about to be stored: its key, and the values its row keeps (never the PIN).
type newPIN struct {
	opened       *pinOpened
	kdf          KDF
	check        []byte // checkPlain sealed with the PIN's key, wrapped in the couple's when locked
	checkSum     []byte // pinCheckSum of check before that wrapping
	sealedSecret []byte // over a locked couple, the secret pinCipher mixes in, sealed with its key
	locked       bool
}

// makePIN derives partner p's new PIN from pin, with a fresh salt and a fresh bind name.
func (s *Store) makePIN(ctx context.Context, caseID int64, p Partner, pin string) (*newPIN, error) {
	kdf, err := NewKDF()
	if err != nil {
		return nil, err
	}
	n := &newPIN{kdf: kdf}
	// Over a locked couple, the PIN's key needs the couple's key too (through a secret sealed
	// with it), so a copied file does not let anyone try every PIN without the passphrase.
	var secret []byte
	if n.locked, err = s.IsLocked(ctx, caseID); err != nil {
		return nil, err
	}
	if n.locked {
		secret = make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return nil, fmt.Errorf("set PIN: %w", err)
		}
		if n.sealedSecret, err = s.sealBytes(caseID, pinSecretField, string(p), secret); err != nil {
			return nil, fmt.Errorf("set PIN: %w", err)
		}
	}
	key, err := pinCipher(kdf, pin, secret)
	if err != nil {
		return nil, err
	}
	bind, err := newPINBind()
	if err != nil {
		return nil, err
	}
	n.opened = &pinOpened{Cipher: key, bind: bind}
	if n.check, err = key.Seal([]byte(checkPlain), pinAAD(bind, p, "check")); err != nil {
		return nil, err
	}
	n.checkSum = pinCheckSum(n.check)
	if n.locked { // wrapped in the couple's key, like resealCase does for a PIN set before the lock
		if n.check, err = s.sealBytes(caseID, pinCheckField, string(p), n.check); err != nil {
			return nil, fmt.Errorf("set PIN: %w", err)
		}
	}
	return n, nil
}

// putPIN writes partner p's PIN row inside tx, in place of the one they had.
func (s *Store) putPIN(ctx context.Context, tx *sql.Tx, caseID int64, p Partner, n *newPIN) error {
	kdfJSON, _ := json.Marshal(n.kdf) // plain struct: cannot fail
	_, err := tx.ExecContext(ctx,
		`INSERT INTO pins (case_id, partner, kdf, check_value, created_at, secret, wrapped, bind, check_sum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (case_id, partner) DO UPDATE SET kdf = excluded.kdf, check_value = excluded.check_value,
		 secret = excluded.secret, wrapped = excluded.wrapped, bind = excluded.bind, check_sum = excluded.check_sum`,
		caseID, string(p), string(kdfJSON), n.check, s.stamp(), n.sealedSecret, boolInt(n.locked), n.opened.bind, n.checkSum)
	return err
}

// PINDamaged reports whether partner p's PIN record is damaged, so that no PIN opens it (see
// ReplaceDamagedPIN). A locked couple must be unlocked first.
func (s *Store) PINDamaged(ctx context.Context, caseID int64, p Partner) (bool, error) {
	r, err := s.pinOf(ctx, caseID, p)
	return r != nil && r.damaged, err
}

// ReplaceDamagedPIN starts partner p's PIN anew when its stored record is damaged (no PIN opens
// it, and changing a PIN needs the old one). Only p, alone at the keyboard, may do it, and only
// over a damaged PIN (couple.MayReplaceDamagedPIN); a locked couple must be unlocked first,
// since the new PIN is sealed with its key too. The texts sealed under the damaged PIN cannot be
// opened by anyone: they stay in the file, sealed, and are marked lost (Answer.Lost) in the same
// transaction, so they are never taken for empty texts, until p deletes them or writes over
// them. The new PIN is entered in this process.
func (s *Store) ReplaceDamagedPIN(ctx context.Context, k Keyboard, caseID int64, p Partner, pin string) error {
	const what = "start a new PIN"
	if utf8.RuneCountInString(pin) < MinPINLength {
		return fmt.Errorf("%s: %w", what, &InputError{Msg: fmt.Sprintf("a PIN needs at least %d characters", MinPINLength), Key: "ui.pin.short", Args: []any{MinPINLength}})
	}
	if open, err := s.IsOpen(ctx, caseID); err != nil || !open {
		return fmt.Errorf("%s: %w", what, cmp.Or(err, ErrLocked))
	}
	if err := couple.MayReplaceDamagedPIN(k, p, true); err != nil { // before anything of p's is read
		return fmt.Errorf("%s: %w", what, err)
	}
	damaged, err := s.PINDamaged(ctx, caseID, p)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := couple.MayReplaceDamagedPIN(k, p, damaged); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	n, err := s.makePIN(ctx, caseID, p, pin)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	err = s.write(ctx, caseID, what, func(tx *sql.Tx) error {
		if err := s.putPIN(ctx, tx, caseID, p, n); err != nil {
			return err
		}
		for _, q := range []string{
			"UPDATE answers SET pin_lost = 1 WHERE case_id = ? AND partner = ? AND pin_sealed = 1",
			"UPDATE week_notes SET pin_lost = 1 WHERE case_id = ? AND partner = ? AND pin_sealed = 1",
			"UPDATE letter_replies SET pin_lost = 1 WHERE case_id = ? AND written_by = ? AND pin_sealed = 1",
		} {
			if _, err := tx.ExecContext(ctx, q, caseID, string(p)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.pins.set(caseID, p, n.opened)
	s.pinTries.reset(caseID, p)
	s.damage.remove(caseID, pinCheckField, string(p))
	s.damage.remove(caseID, pinSecretField, string(p))
	return nil
}

// resealOwnTexts seals partner p's private weekly notes and reply to the letter again, as they
// are sealed now (with the PIN just set, after its row is written), keeping their times.
func (s *Store) resealOwnTexts(ctx context.Context, tx *sql.Tx, caseID int64, p Partner, notes []WeekNote, l Letter) error {
	for _, n := range notes {
		if n.Partner == p && !n.Shared && !n.Lost {
			n.PINSealed = nil // sealed again from its text, with the PIN in hand now
			if err := s.putWeekNote(ctx, tx, caseID, n, stampString(n.UpdatedAt)); err != nil {
				return err
			}
		}
	}
	if l.ReplyBy == p && !l.ReplyShared && !l.ReplyLost && l.Reply != "" {
		return s.putReply(ctx, tx, caseID, p, l.Reply, false, nil)
	}
	return nil
}

// sealAnswer seals an answer for storage: a private answer of a partner with a PIN is sealed
// with the PIN's key first, then like every value.
func (s *Store) sealAnswer(ctx context.Context, q queryer, a Answer) (body []byte, pinSealed bool, err error) {
	return s.sealPrivate(ctx, q, a.CaseID, a.Partner, a.QuestionID, "answer", answerRow(a.Partner, a.QuestionID), a.Text, a.Shared, nil)
}

// openAnswer reverses sealAnswer; without the PIN the text stays closed and Protected is set.
func (s *Store) openAnswer(a *Answer, body []byte, pinSealed bool) (err error) {
	a.Text, a.PINSealed, a.Protected, err = s.openPrivate(a.CaseID, a.Partner, a.QuestionID, "answer", answerRow(a.Partner, a.QuestionID), body, pinSealed)
	return err
}

// sealPrivate seals a text a partner wrote for themselves (an answer, their weekly note, the
// reply to the letter) for column field of row: while it is private and its author has a PIN,
// with the PIN's key first (bound to label, which names the text among its author's), then like
// every value. Shared texts are never sealed with a PIN: both may read them. presealed, when not
// nil, is the text as its author's PIN already sealed it (an import): it is stored as it is.
func (s *Store) sealPrivate(ctx context.Context, q queryer, caseID int64, author Partner, label, field, row, text string, shared bool, presealed []byte) (body []byte, pinSealed bool, err error) {
	if presealed != nil {
		body, err = s.sealBytes(caseID, field, row, presealed)
		return body, true, err
	}
	plain := []byte(text)
	if !shared && author.Valid() {
		has, err := s.hasPIN(ctx, q, caseID, author)
		if err != nil {
			return nil, false, err
		}
		if has {
			c := s.pins.get(caseID, author)
			if c == nil {
				return nil, false, ErrPINNeeded
			}
			if plain, err = c.Seal(plain, pinAAD(c.bind, author, label)); err != nil {
				return nil, false, err
			}
			pinSealed = true
		}
	}
	body, err = s.sealBytes(caseID, field, row, plain)
	return body, pinSealed, err
}

// openPrivate reverses sealPrivate; without the author's PIN the text stays closed (protected).
// A text sealed with a PIN is returned in that form too (sealed), so it can travel as it is.
func (s *Store) openPrivate(caseID int64, author Partner, label, field, row string, body []byte, pinSealed bool) (text string, sealed []byte, protected bool, err error) {
	b, err := s.openBytes(caseID, field, row, body)
	if err != nil || !pinSealed {
		return string(b), nil, false, err
	}
	c := s.pins.get(caseID, author)
	if c == nil {
		return "", b, true, nil
	}
	plain, err := c.Open(b, pinAAD(c.bind, author, label))
	if err != nil {
		return "", b, false, err
	}
	return string(plain), b, false, nil
}

// pinCheckField names a PIN's check value where it is sealed with the couple's key.
const pinCheckField = "pin.check"

// pinSecretField names a PIN's secret (pinCipher), sealed with the couple's key.
const pinSecretField = "pin.secret"

// wrapPINChecks seals each PIN's check value of a couple with the couple's key next (opening an
// already wrapped one with old first), inside the transaction that locks or re-keys the couple.
// The check value is what a PIN guess is tried against: wrapped, a copied file offers nothing to
// try a PIN against without the passphrase, whether the PIN was set before or after the lock.
// The private answers need no more: they are sealed with the couple's key over the PIN's.
func wrapPINChecks(ctx context.Context, tx *sql.Tx, caseID int64, old, next *Cipher) error {
	rows, err := tx.QueryContext(ctx, "SELECT partner, check_value, wrapped FROM pins WHERE case_id = ?", caseID)
	if err != nil {
		return err
	}
	type pinCheck struct {
		partner string
		check   []byte
		wrapped bool
	}
	var checks []pinCheck
	for rows.Next() {
		var c pinCheck
		if err := rows.Scan(&c.partner, &c.check, &c.wrapped); err != nil {
			rows.Close()
			return err
		}
		checks = append(checks, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range checks {
		inner := c.check
		if c.wrapped {
			if old == nil {
				return fmt.Errorf("partner %s's PIN: %w", c.partner, ErrSealedWithoutLock)
			}
			if inner, err = openRow(old, caseID, pinCheckField, c.partner, c.check); err != nil {
				return fmt.Errorf("partner %s's PIN: %w", c.partner, err)
			}
		}
		sealed, err := sealRow(next, caseID, pinCheckField, c.partner, inner)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE pins SET check_value = ?, wrapped = 1 WHERE case_id = ? AND partner = ?",
			sealed, caseID, c.partner); err != nil {
			return err
		}
	}
	return nil
}

// PINRecord is a partner's PIN as stored: what checks it and derives its key, never the PIN.
// A dossier carries it so that an export keeps the PIN over the texts it seals.
type PINRecord struct {
	Partner Partner
	KDF     KDF
	Check   []byte // checkPlain sealed with the PIN's key (not wrapped in the couple's key)
	// Secret is, for a PIN over a locked couple, the random secret its key is made with too (see
	// pinCipher), opened with the couple's key; nil otherwise.
	Secret    []byte
	Bind      string // the name its values are bound to (pinAAD)
	CreatedAt time.Time
}

func (s *Store) pinsIn(ctx context.Context, caseID int64) ([]PINRecord, error) {
	var out []PINRecord
	for _, p := range Partners {
		r, err := s.pinOf(ctx, caseID, p)
		if err != nil {
			return nil, fmt.Errorf("read PIN of partner %s: %w", p, err)
		}
		// A damaged PIN is left out: reported by Damaged, which refuses an export or workbook
		// of the couple, and its texts stay sealed in the dossier (Protected).
		if r != nil && !r.damaged {
			out = append(out, PINRecord{Partner: p, KDF: r.kdf, Check: r.check, Secret: r.secret, Bind: r.bind, CreatedAt: parseStamp(r.createdAt)})
		}
	}
	return out, nil
}

// insertPIN stores a PIN record for couple caseID inside tx (an import): over a locked couple,
// its secret and check value are sealed with the couple's key, as SetPIN seals them.
func (s *Store) insertPIN(ctx context.Context, tx *sql.Tx, caseID int64, r PINRecord) error {
	var secret []byte
	if len(r.Secret) > 0 {
		var err error
		if secret, err = s.sealBytes(caseID, pinSecretField, string(r.Partner), r.Secret); err != nil {
			return err
		}
	}
	check, wrapped, sum := r.Check, false, pinCheckSum(r.Check)
	if s.locks != nil {
		c, err := s.locks.cipherFor(caseID)
		if err != nil {
			return err
		}
		if c != nil {
			if check, err = sealRow(c, caseID, pinCheckField, string(r.Partner), r.Check); err != nil {
				return err
			}
			wrapped = true
		}
	}
	kdfJSON, _ := json.Marshal(r.KDF) // plain struct: cannot fail
	_, err := tx.ExecContext(ctx,
		"INSERT INTO pins (case_id, partner, kdf, check_value, wrapped, created_at, secret, bind, check_sum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		caseID, string(r.Partner), string(kdfJSON), check, boolInt(wrapped), stampString(r.CreatedAt), secret, r.Bind, sum)
	return err
}
