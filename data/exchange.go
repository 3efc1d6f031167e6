package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"io"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"kintsugi/couple"
)

// ExchangeFormat names the couple export format; every document carries it in "format".
const ExchangeFormat = "kintsugi-couple"

// ExchangeVersion is the version of the export format this build writes and the newest it reads.
// Version 2 adds the plain document's checksum, version 3 the weeks' counts, version 4 the
// digest of each agreement version signed by both, version 5 each partner's own weekly notes and
// the reply to the letter, version 6 each partner's PIN with the texts it seals (still sealed) and
// when each decision was made; older files are still read.
const ExchangeVersion = 6

// MaxCoupleSize bounds one couple's document (the compact JSON of "couple"): an export refuses a
// larger couple, so every file Kintsugi writes can be imported again.
const MaxCoupleSize = 64 << 20

// MaxExchangeFileSize bounds a whole export file, plain or encrypted: room for the base64 of an
// encrypted couple of MaxCoupleSize (4 bytes for every 3), the indentation of a plain one, and
// the envelope. Files are refused above it before they are read to the end.
const MaxExchangeFileSize = (MaxCoupleSize+64)/3*4 + 1<<20

// exchangeAAD binds an encrypted payload to the format and the version its document states.
func exchangeAAD(version int) []byte { return []byte(ExchangeFormat + "/" + strconv.Itoa(version)) }

// Limits on what an import accepts beyond the schema's own checks.
const (
	maxIDLength       = 200         // question, rule, step, catalog IDs, codes, units, decision keys
	maxWeek           = 5200        // a hundred years of weekly check-ins
	maxSignaturePixel = 4096 * 4096 // a drawn signature is small; this refuses decompression bombs
	maxProblemsShown  = 10
	importKDFMaxMiB   = 1024 // Argon2id memory an imported file may ask for
	importKDFMaxTime  = 16
	importKDFMaxSalt  = 64
)

var languageRE = regexp.MustCompile(`^[A-Za-z0-9-]{1,35}$`)

// The document's own schema. These structs are the format: field names and order never follow
// the Go model by accident. Every field is always written and always required on reading.

type docPlain struct {
	Format    string `json:"format"`
	Version   int    `json:"version"`
	Encrypted bool   `json:"encrypted"`
	// Checksum is "sha256:" and the hex SHA-256 of the couple as compact JSON, so a damaged
	// file is refused rather than imported with a changed date or mark (from version 2).
	Checksum string          `json:"checksum"`
	Couple   json.RawMessage `json:"couple"`
}

type docSealed struct {
	Format    string `json:"format"`
	Version   int    `json:"version"`
	Encrypted bool   `json:"encrypted"`
	KDF       KDF    `json:"kdf"`
	Payload   string `json:"payload"`
}

type docCouple struct {
	Case        docCase         `json:"case"`
	Incident    docIncident     `json:"incident"`
	Answers     []docAnswer     `json:"answers"`
	RuleAcks    []docRuleAck    `json:"rule_acks"`
	Steps       []docStep       `json:"steps"`
	Commitments []docCommitment `json:"commitments"`
	Agreements  []docAgreement  `json:"agreements"`
	Letter      docLetter       `json:"letter"`
	Marks       []docMark       `json:"marks"`
	Counts      []docCount      `json:"counts" since:"3"`
	CheckIns    []docCheckIn    `json:"checkins"`
	WeekNotes   []docWeekNote   `json:"week_notes" since:"5"`
	Decisions   []docDecision   `json:"decisions"`
	PINs        []docPIN        `json:"pins" since:"6"`
}

// docPIN is a partner's PIN as stored: its Argon2id settings, the check value sealed with its
// key, the secret a PIN over a locked couple is keyed with too, and the name its values are
// bound to. Never the PIN.
type docPIN struct {
	Partner   string `json:"partner"`
	KDF       KDF    `json:"kdf"`
	Check     string `json:"check"`  // standard base64
	Secret    string `json:"secret"` // standard base64, "" for a PIN over a couple without a passphrase
	Bind      string `json:"bind"`
	CreatedAt string `json:"created_at"`
}

type docCase struct {
	NameA      string `json:"name_a"`
	NameB      string `json:"name_b"`
	Rebuilding string `json:"rebuilding"`
	StartDate  string `json:"start_date"`
	Paper      string `json:"paper"`
	Language   string `json:"language"`
	CreatedAt  string `json:"created_at"`
	UpdatedAt  string `json:"updated_at"`
}

type docIncident struct {
	Causes      []string `json:"causes"`
	Description string   `json:"description"`
	Date        string   `json:"date"`
}

type docAnswer struct {
	Partner  string `json:"partner"`
	Question string `json:"question"`
	Text     string `json:"text"`
	// PINSealed is the answer as its author's PIN sealed it (standard base64; its text is then
	// ""), or "" for an answer not sealed with a PIN.
	PINSealed string `json:"pin_sealed" since:"6"`
	Shared    bool   `json:"shared"`
	UpdatedAt string `json:"updated_at"`
}

type docRuleAck struct {
	Rule    string `json:"rule"`
	Partner string `json:"partner"`
	At      string `json:"at"`
}

type docStep struct {
	Step   string `json:"step"`
	DoneOn string `json:"done_on"`
	Note   string `json:"note"`
}

type docCommitment struct {
	CatalogID  string `json:"catalog_id"`
	CustomText string `json:"custom_text"`
	Param      int    `json:"param"`
	Cost       string `json:"cost"`
	AgreedA    bool   `json:"agreed_a"`
	AgreedB    bool   `json:"agreed_b"`
	ReviewDate string `json:"review_date"`
	Position   int    `json:"position"`
}

type docAgreement struct {
	Version    int    `json:"version"`
	StartDate  string `json:"start_date"`
	ReviewDate string `json:"review_date"`
	CreatedAt  string `json:"created_at"`
	// Digest is the hex SHA-256 of what both signed (couple.AgreementDigest), "" for a version
	// not signed by both. An import refuses a signed version whose items do not match it.
	Digest     string         `json:"digest" since:"4"`
	Items      []docItem      `json:"items"`
	Signatures []docSignature `json:"signatures"`
}

type docItem struct {
	Commitment *int   `json:"commitment"` // index in commitments, or null
	CatalogID  string `json:"catalog_id"`
	Code       string `json:"code"`
	Text       string `json:"text"`
	Param      int    `json:"param"`
	Unit       string `json:"unit"`
	Cost       string `json:"cost"`
	ReviewDate string `json:"review_date"`
}

type docSignature struct {
	Partner   string `json:"partner"`
	TypedName string `json:"typed_name"`
	PNG       string `json:"png"` // standard base64, "" when nothing was drawn
	SignedAt  string `json:"signed_at"`
}

type docLetter struct {
	Text      string `json:"text"`
	Status    string `json:"status"`
	UpdatedAt string `json:"updated_at"` // "" when no letter was ever saved
	// The reply to the letter: its author ("" for both together), private until shared.
	Reply       string `json:"reply" since:"5"`
	ReplyBy     string `json:"reply_by" since:"5"`
	ReplyShared bool   `json:"reply_shared" since:"5"`
	// ReplyPINSealed is the reply as its author's PIN sealed it (standard base64; reply is then
	// ""), or "" when it is not sealed with a PIN.
	ReplyPINSealed string `json:"reply_pin_sealed" since:"6"`
}

type docMark struct {
	Commitment int    `json:"commitment"` // index in commitments
	Day        string `json:"day"`
	Mark       string `json:"mark"`
}

type docCount struct {
	Commitment int `json:"commitment"` // index in commitments
	Week       int `json:"week"`
	Count      int `json:"count"`
}

type docCheckIn struct {
	Week        int    `json:"week"`
	Trust       int    `json:"trust"`
	WentWell    string `json:"went_well"`
	WasHard     string `json:"was_hard"`
	Appreciated string `json:"appreciated"`
}

type docWeekNote struct {
	Week      int    `json:"week"`
	Partner   string `json:"partner"`
	Text      string `json:"text"`
	PINSealed string `json:"pin_sealed" since:"6"` // as for an answer
	Shared    bool   `json:"shared"`
	UpdatedAt string `json:"updated_at"`
}

type docDecision struct {
	Key       string `json:"key"`
	Partner   string `json:"partner"`
	DecidedAt string `json:"decided_at" since:"6"`
	Value     string `json:"value"`
}

// EncodeDossier writes one couple as a self-contained, versioned JSON document. With a
// non-empty passphrase the document is an encrypted envelope (Argon2id via NewKDF + AES-GCM via
// NewCipher); the names are inside the encrypted part too.
func EncodeDossier(d *Dossier, passphrase string) ([]byte, error) {
	if d == nil {
		return nil, errors.New("export couple: nothing to export")
	}
	c, err := toDoc(d)
	if err != nil {
		return nil, fmt.Errorf("export couple: %w", err)
	}
	if path := invalidUTF8(reflect.ValueOf(c), "couple"); path != "" {
		return nil, fmt.Errorf("export couple: %w", &InputError{Msg: path + " is not valid UTF-8 text"})
	}
	inner, err := encodeJSON(c, false)
	if err != nil {
		return nil, fmt.Errorf("export couple: %w", err)
	}
	inner = bytes.TrimSuffix(inner, []byte("\n"))
	if len(inner) > MaxCoupleSize {
		return nil, fmt.Errorf("export couple: %w", &InputError{Msg: fmt.Sprintf(
			"this couple is larger than an export can hold (%d MiB); shorten the longest texts first", MaxCoupleSize>>20)})
	}
	if passphrase == "" {
		return encodeJSON(docPlain{Format: ExchangeFormat, Version: ExchangeVersion, Checksum: coupleChecksum(inner), Couple: inner}, true)
	}
	kdf, err := NewKDF()
	if err != nil {
		return nil, fmt.Errorf("export couple: %w", err)
	}
	key, err := kdf.Key(passphrase)
	if err != nil {
		return nil, fmt.Errorf("export couple: %w", err)
	}
	ci, err := NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("export couple: %w", err)
	}
	sealed, err := ci.Seal(inner, exchangeAAD(ExchangeVersion))
	if err != nil {
		return nil, fmt.Errorf("export couple: %w", err)
	}
	return encodeJSON(docSealed{
		Format: ExchangeFormat, Version: ExchangeVersion, Encrypted: true,
		KDF: kdf, Payload: base64.StdEncoding.EncodeToString(sealed),
	}, true)
}

func coupleChecksum(compact []byte) string {
	sum := sha256.Sum256(compact)
	return "sha256:" + hex.EncodeToString(sum[:])
}

func encodeJSON(v any, indent bool) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func stampString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// travellingText is how a private text travels: as its author's PIN sealed it, whether or not
// the PIN was entered here, or in the clear when it has no PIN. A text that is here only as a
// closed box cannot travel: exporting it would lose it.
func travellingText(text string, pinSealed []byte, protected bool, author Partner) (plain, sealed string, err error) {
	switch {
	case pinSealed != nil:
		return "", base64.StdEncoding.EncodeToString(pinSealed), nil
	case protected:
		return "", "", fmt.Errorf("%w: partner %s needs to enter their PIN before the couple is exported", ErrPINNeeded, author)
	}
	return text, "", nil
}

// toDoc converts a dossier to the document schema, in a canonical order so the same couple
// always gives the same bytes, whatever its database IDs.
func toDoc(d *Dossier) (*docCouple, error) {
	index := map[int64]int{}
	for i, cm := range d.Commitments {
		if cm.ID == 0 {
			continue
		}
		if _, dup := index[cm.ID]; dup {
			return nil, fmt.Errorf("commitment ID %d appears twice", cm.ID)
		}
		index[cm.ID] = i
	}
	c := &docCouple{
		Case: docCase{
			NameA: d.Case.NameA, NameB: d.Case.NameB, Rebuilding: string(d.Case.Rebuilding),
			StartDate: d.Case.StartDate.String(), Paper: d.Case.Paper, Language: d.Case.Language,
			CreatedAt: stampString(d.Case.CreatedAt), UpdatedAt: stampString(d.Case.UpdatedAt),
		},
		Incident: docIncident{
			Causes: append([]string{}, d.Incident.Causes...), Description: d.Incident.Description, Date: d.Incident.Date.String(),
		},
		Answers:     []docAnswer{},
		RuleAcks:    []docRuleAck{},
		Steps:       []docStep{},
		Commitments: []docCommitment{},
		Agreements:  []docAgreement{},
		Letter: docLetter{Text: d.Letter.Text, Status: d.Letter.Status, UpdatedAt: stampString(d.Letter.UpdatedAt),
			Reply: d.Letter.Reply, ReplyBy: string(d.Letter.ReplyBy), ReplyShared: d.Letter.ReplyShared},
		Marks:     []docMark{},
		Counts:    []docCount{},
		CheckIns:  []docCheckIn{},
		WeekNotes: []docWeekNote{},
		Decisions: []docDecision{},
	}
	var err error
	// A text sealed under a PIN since replaced (Lost) does not travel: nobody can open it, and
	// the PIN that travels with the file is not the one it was sealed with.
	if d.Letter.ReplyLost {
		c.Letter.ReplyBy, c.Letter.ReplyShared = "", false
	} else if c.Letter.Reply, c.Letter.ReplyPINSealed, err = travellingText(d.Letter.Reply, d.Letter.ReplyPINSealed, d.Letter.ReplyProtected, d.Letter.ReplyBy); err != nil {
		return nil, err
	}
	if c.Letter.Status == "" {
		c.Letter.Status = LetterDraft
	}
	for _, a := range d.Answers {
		if a.Lost {
			continue
		}
		da := docAnswer{Partner: string(a.Partner), Question: a.QuestionID, Shared: a.Shared, UpdatedAt: stampString(a.UpdatedAt)}
		if da.Text, da.PINSealed, err = travellingText(a.Text, a.PINSealed, a.Protected, a.Partner); err != nil {
			return nil, err
		}
		c.Answers = append(c.Answers, da)
	}
	sort.SliceStable(c.Answers, func(i, j int) bool {
		x, y := c.Answers[i], c.Answers[j]
		return x.Question < y.Question || x.Question == y.Question && x.Partner < y.Partner
	})
	for _, r := range d.RuleAcks {
		c.RuleAcks = append(c.RuleAcks, docRuleAck{Rule: r.RuleID, Partner: string(r.Partner), At: stampString(r.At)})
	}
	sort.SliceStable(c.RuleAcks, func(i, j int) bool {
		x, y := c.RuleAcks[i], c.RuleAcks[j]
		return x.Rule < y.Rule || x.Rule == y.Rule && x.Partner < y.Partner
	})
	for _, s := range d.Steps {
		c.Steps = append(c.Steps, docStep{Step: s.StepID, DoneOn: s.DoneOn.String(), Note: s.Note})
	}
	sort.SliceStable(c.Steps, func(i, j int) bool { return c.Steps[i].Step < c.Steps[j].Step })
	// Commitments keep the dossier's order (position, then ID): marks and items point into it.
	for _, cm := range d.Commitments {
		c.Commitments = append(c.Commitments, docCommitment{
			CatalogID: cm.CatalogID, CustomText: cm.CustomText, Param: cm.Param, Cost: cm.Cost,
			AgreedA: cm.AgreedA, AgreedB: cm.AgreedB, ReviewDate: cm.ReviewDate.String(), Position: cm.Position,
		})
	}
	for _, a := range d.Agreements {
		da := docAgreement{
			Version: a.Version, StartDate: a.StartDate.String(), ReviewDate: a.ReviewDate.String(),
			CreatedAt: stampString(a.CreatedAt), Items: []docItem{}, Signatures: []docSignature{},
		}
		for _, it := range a.Items {
			di := docItem{CatalogID: it.CatalogID, Code: it.Code, Text: it.Text, Param: it.Param, Unit: it.Unit, Cost: it.Cost, ReviewDate: it.ReviewDate.String()}
			// An item whose commitment was deleted since keeps its text but no longer points anywhere.
			if i, ok := index[it.CommitmentID]; ok && it.CommitmentID != 0 {
				di.Commitment = &i
			}
			da.Items = append(da.Items, di)
		}
		for _, s := range a.Signatures {
			da.Signatures = append(da.Signatures, docSignature{
				Partner: string(s.Partner), TypedName: s.TypedName,
				PNG: base64.StdEncoding.EncodeToString(s.PNG), SignedAt: stampString(s.SignedAt),
			})
		}
		sort.SliceStable(da.Signatures, func(i, j int) bool { return da.Signatures[i].Partner < da.Signatures[j].Partner })
		if a.Frozen() {
			// An altered version would travel as signed, and its file would not import.
			if err := couple.CheckDigest(a); err != nil {
				return nil, err
			}
			da.Digest = hex.EncodeToString(a.Digest)
		}
		c.Agreements = append(c.Agreements, da)
	}
	sort.SliceStable(c.Agreements, func(i, j int) bool { return c.Agreements[i].Version < c.Agreements[j].Version })
	for _, m := range d.Marks {
		i, ok := index[m.CommitmentID]
		if !ok || m.CommitmentID == 0 {
			return nil, fmt.Errorf("a mark on %s refers to commitment %d, which is not in the couple's list", m.Day, m.CommitmentID)
		}
		c.Marks = append(c.Marks, docMark{Commitment: i, Day: m.Day.String(), Mark: string(m.Mark)})
	}
	sort.SliceStable(c.Marks, func(i, j int) bool {
		x, y := c.Marks[i], c.Marks[j]
		return x.Day < y.Day || x.Day == y.Day && x.Commitment < y.Commitment
	})
	for _, wc := range d.Counts {
		i, ok := index[wc.CommitmentID]
		if !ok || wc.CommitmentID == 0 {
			return nil, fmt.Errorf("the count of week %d refers to commitment %d, which is not in the couple's list", wc.Week, wc.CommitmentID)
		}
		c.Counts = append(c.Counts, docCount{Commitment: i, Week: wc.Week, Count: wc.Count})
	}
	sort.SliceStable(c.Counts, func(i, j int) bool {
		x, y := c.Counts[i], c.Counts[j]
		return x.Week < y.Week || x.Week == y.Week && x.Commitment < y.Commitment
	})
	for _, ci := range d.CheckIns {
		c.CheckIns = append(c.CheckIns, docCheckIn{Week: ci.Week, Trust: ci.Trust, WentWell: ci.WentWell, WasHard: ci.WasHard, Appreciated: ci.Appreciated})
	}
	sort.SliceStable(c.CheckIns, func(i, j int) bool { return c.CheckIns[i].Week < c.CheckIns[j].Week })
	for _, n := range d.WeekNotes {
		if n.Lost {
			continue
		}
		dn := docWeekNote{Week: n.Week, Partner: string(n.Partner), Shared: n.Shared, UpdatedAt: stampString(n.UpdatedAt)}
		if dn.Text, dn.PINSealed, err = travellingText(n.Text, n.PINSealed, n.Protected, n.Partner); err != nil {
			return nil, err
		}
		c.WeekNotes = append(c.WeekNotes, dn)
	}
	sort.SliceStable(c.WeekNotes, func(i, j int) bool {
		x, y := c.WeekNotes[i], c.WeekNotes[j]
		return x.Week < y.Week || x.Week == y.Week && x.Partner < y.Partner
	})
	for _, x := range d.Decisions {
		c.Decisions = append(c.Decisions, docDecision{Key: x.Key, Partner: string(x.Partner), DecidedAt: stampString(x.At), Value: x.Value})
	}
	sort.SliceStable(c.Decisions, func(i, j int) bool {
		x, y := c.Decisions[i], c.Decisions[j]
		return x.Key < y.Key || x.Key == y.Key && x.Partner < y.Partner
	})
	c.PINs = []docPIN{}
	for _, p := range d.PINs {
		c.PINs = append(c.PINs, docPIN{Partner: string(p.Partner), KDF: p.KDF, Check: base64.StdEncoding.EncodeToString(p.Check),
			Secret: base64.StdEncoding.EncodeToString(p.Secret), Bind: p.Bind, CreatedAt: stampString(p.CreatedAt)})
	}
	sort.SliceStable(c.PINs, func(i, j int) bool { return c.PINs[i].Partner < c.PINs[j].Partner })
	return c, nil
}

// invalidUTF8 returns the path of the first string in v that is not valid UTF-8, or "".
func invalidUTF8(v reflect.Value, path string) string {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return ""
		}
		return invalidUTF8(v.Elem(), path)
	case reflect.String:
		if !utf8.ValidString(v.String()) {
			return path
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			if p := invalidUTF8(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			if p := invalidUTF8(v.Field(i), path+"."+jsonName(t.Field(i))); p != "" {
				return p
			}
		}
	}
	return ""
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		return f.Name
	}
	return name
}

// The window's words for a refused document, by kind (assets/content/<lang>.json): the
// command line says the English detail, the window one sentence in its language.
const (
	RefusedDamaged    = "ui.import.refused.damaged"
	RefusedNotOurs    = "ui.import.refused.notours"
	RefusedTooLarge   = "ui.import.refused.toolarge" // with the limit in MiB
	RefusedNewer      = "ui.import.refused.newer"
	RefusedIncomplete = "ui.import.refused.incomplete"
	RefusedEncrypted  = "ui.import.refused.encrypted"
)

// refuse makes the error a person sees when a document is damaged.
func refuse(format string, args ...any) error {
	return refuseAs(RefusedDamaged, nil, format, args...)
}

// refuseAs makes the error a person sees when a document cannot be read for another reason:
// key and keyArgs say it in the window's language.
func refuseAs(key string, keyArgs []any, format string, args ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, args...), Key: key, Args: keyArgs}
}

// DecodeDossier reads a document. passphrase is asked only when the document is encrypted.
// Broken, truncated, foreign (not our format), or newer-version documents are refused with an
// error saying why in plain words. The dossier it returns has no IDs of its own except for
// commitments, numbered 1, 2, ... in list order so marks and agreement items can refer to them.
func DecodeDossier(b []byte, passphrase func() (string, error)) (*Dossier, error) {
	if len(b) > MaxExchangeFileSize {
		return nil, refuseAs(RefusedTooLarge, []any{MaxExchangeFileSize >> 20}, "this file is too large to be a Kintsugi couple export (more than %d MiB)", MaxExchangeFileSize>>20)
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // a byte-order mark some editors add
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, refuseAs(RefusedNotOurs, nil, "this file is empty; it is not a Kintsugi couple export")
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		return nil, notJSON(b, err)
	}
	if top == nil {
		return nil, refuseAs(RefusedNotOurs, nil, "this file is not a Kintsugi couple export")
	}
	var format string
	if raw, ok := top["format"]; !ok || json.Unmarshal(raw, &format) != nil || format != ExchangeFormat {
		return nil, refuseAs(RefusedNotOurs, nil, "this file is not a Kintsugi couple export (it does not say \"format\": %q)", ExchangeFormat)
	}
	raw, ok := top["version"]
	if !ok {
		return nil, refuse("this Kintsugi export is damaged: it does not say which format version it uses")
	}
	var version int
	if err := json.Unmarshal(raw, &version); err != nil {
		return nil, refuse("this Kintsugi export is damaged: its format version %s is not a whole number", raw)
	}
	if version > ExchangeVersion {
		return nil, refuseAs(RefusedNewer, nil, "this file was made by a newer version of Kintsugi (format %d); update Kintsugi to import it", version)
	}
	if version < 1 {
		return nil, refuse("this Kintsugi export is damaged: format version %d does not exist", version)
	}
	var encrypted bool
	if raw, ok := top["encrypted"]; !ok || json.Unmarshal(raw, &encrypted) != nil {
		return nil, refuse("this Kintsugi export is damaged: it does not say whether it is encrypted (\"encrypted\": true or false)")
	}
	var inner []byte
	if encrypted {
		var env docSealed
		if err := strictDecode(b, &env, "the file", version); err != nil {
			return nil, err
		}
		var err error
		if inner, err = openEnvelope(env, passphrase); err != nil {
			return nil, err
		}
	} else if version == 1 { // before the checksum
		var env struct {
			Format    string          `json:"format"`
			Version   int             `json:"version"`
			Encrypted bool            `json:"encrypted"`
			Couple    json.RawMessage `json:"couple"`
		}
		if err := strictDecode(b, &env, "the file", version); err != nil {
			return nil, err
		}
		inner = env.Couple
	} else {
		var env docPlain
		if err := strictDecode(b, &env, "the file", version); err != nil {
			return nil, err
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, env.Couple); err != nil {
			return nil, refuse("this Kintsugi export is damaged: couple: %v", err)
		}
		if coupleChecksum(compact.Bytes()) != env.Checksum {
			return nil, refuse("this Kintsugi export is damaged: its checksum does not match what it holds (was it changed or cut while copying?)")
		}
		inner = env.Couple
	}
	var c docCouple
	if err := strictDecode(inner, &c, "couple", version); err != nil {
		return nil, err
	}
	d, err := fromDoc(&c, version)
	if err != nil {
		return nil, err
	}
	if err := validateDossier(d, DateOf(time.Now())); err != nil {
		return nil, err
	}
	return d, nil
}

func notJSON(b []byte, err error) error {
	head := b[:min(len(b), 512)]
	ours := bytes.Contains(head, []byte(`"`+ExchangeFormat+`"`))
	var syn *json.SyntaxError
	truncated := errors.As(err, &syn) && syn.Offset >= int64(len(bytes.TrimRight(b, " \t\r\n")))
	switch {
	case ours && truncated:
		return refuseAs(RefusedIncomplete, nil, "this Kintsugi export is incomplete: the file ends in the middle (was it cut off while copying?)")
	case ours:
		return refuse("this Kintsugi export is damaged: it is not valid JSON (%v)", err)
	case errors.As(err, &syn):
		return refuseAs(RefusedNotOurs, nil, "this file is not a Kintsugi couple export (it is not a JSON document)")
	default:
		return refuseAs(RefusedNotOurs, nil, "this file is not a Kintsugi couple export")
	}
}

func openEnvelope(env docSealed, passphrase func() (string, error)) ([]byte, error) {
	version := env.Version
	k := env.KDF
	if !importableKDF(k) {
		return nil, refuse("this Kintsugi export is damaged: its key settings (\"kdf\") are out of range")
	}
	sealed, err := base64.StdEncoding.DecodeString(env.Payload)
	if err != nil {
		return nil, refuse("this Kintsugi export is damaged: its encrypted part is not valid base64")
	}
	if passphrase == nil {
		return nil, refuseAs(RefusedEncrypted, nil, "this Kintsugi export is encrypted: a passphrase is needed to open it")
	}
	pass, err := passphrase()
	if err != nil {
		return nil, err
	}
	key, err := k.Key(pass)
	if err != nil {
		return nil, err
	}
	ci, err := NewCipher(key)
	if err != nil {
		return nil, err
	}
	inner, err := ci.Open(sealed, exchangeAAD(version))
	if errors.Is(err, ErrWrongPassphrase) {
		return nil, fmt.Errorf("open export: %w (or the file was changed after it was made)", ErrWrongPassphrase)
	}
	if err != nil {
		return nil, refuse("this Kintsugi export is damaged: its encrypted part is broken")
	}
	return inner, nil
}

// strictDecode reads raw into v: every field of v must be there, no other field may be, and
// every value must have the right JSON type. Problems are told with their place in the file.
// A field tagged since:"N" belongs to format N on: a document of an older version has none.
func strictDecode(raw []byte, v any, path string, version int) error {
	// JSON is UTF-8; the decoder would quietly replace bad bytes, changing what was written.
	if !utf8.Valid(raw) {
		return refuse("this Kintsugi export is damaged: %s is not UTF-8 text", path)
	}
	// The decoder below would keep the last of two equal keys and turn a lone surrogate into
	// U+FFFD: both would import something other than what the file says.
	if err := checkJSONText(raw); err != nil {
		return refuse("this Kintsugi export is damaged: %s: %v", path, err)
	}
	if err := checkShape(raw, reflect.TypeOf(v).Elem(), path, version); err != nil {
		return refuse("this Kintsugi export is damaged: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return refuse("this Kintsugi export is damaged: %s: %v", path, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return refuse("this Kintsugi export is damaged: %s has something after its end", path)
	}
	return nil
}

// checkShape walks raw JSON alongside the Go type it must fill.
func checkShape(raw json.RawMessage, t reflect.Type, path string, version int) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return fmt.Errorf("%s is empty", path)
	}
	null := string(raw) == "null"
	if t == reflect.TypeOf(json.RawMessage(nil)) { // checked by whoever decodes it
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		if null {
			return nil
		}
		return checkShape(raw, t.Elem(), path, version)
	case reflect.Struct:
		if raw[0] != '{' {
			return fmt.Errorf("%s should be an object", path)
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		known := map[string]bool{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := jsonName(f)
			if since, err := strconv.Atoi(f.Tag.Get("since")); err == nil && version < since {
				continue // not in this version: present, it is a field the version does not know
			}
			known[name] = true
			val, ok := obj[name]
			if !ok {
				return fmt.Errorf("%s has no %q", path, name)
			}
			if err := checkShape(val, f.Type, path+"."+name, version); err != nil {
				return err
			}
		}
		var unknown []string
		for k := range obj {
			if !known[k] {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			return fmt.Errorf("%s has a field this version does not know: %q", path, unknown[0])
		}
		return nil
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 { // []byte is a base64 string
			if raw[0] != '"' {
				return fmt.Errorf("%s should be base64 text", path)
			}
			return nil
		}
		if raw[0] != '[' {
			return fmt.Errorf("%s should be a list", path)
		}
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		for i, it := range items {
			if err := checkShape(it, t.Elem(), fmt.Sprintf("%s[%d]", path, i), version); err != nil {
				return err
			}
		}
		return nil
	case reflect.String:
		if raw[0] != '"' {
			return fmt.Errorf("%s should be text", path)
		}
		return nil
	case reflect.Bool:
		if string(raw) != "true" && string(raw) != "false" {
			return fmt.Errorf("%s should be true or false", path)
		}
		return nil
	case reflect.Int, reflect.Int64, reflect.Uint8, reflect.Uint32:
		if null || json.Unmarshal(raw, reflect.New(t).Interface()) != nil {
			return fmt.Errorf("%s should be a whole number", path)
		}
		return nil
	}
	return fmt.Errorf("%s has an unexpected type", path)
}

type docReader struct{ err error }

// base64 decodes standard base64 text; "" is nil.
func (r *docReader) base64(s, path string) []byte {
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil {
		r.fail("%s is not valid base64", path)
	}
	if len(b) == 0 {
		return nil
	}
	return b
}

func (r *docReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = refuse("this Kintsugi export is damaged: "+format, args...)
	}
}

func (r *docReader) date(s, path string) Date {
	d, err := ParseDate(s)
	if err != nil || d.String() != s {
		r.fail("%s is %q, not a date written YYYY-MM-DD", path, s)
	}
	return d
}

func (r *docReader) stamp(s, path string, required bool) time.Time {
	if s == "" {
		if required {
			r.fail("%s is empty; it needs a time", path)
		}
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		r.fail("%s is %q, not a time written like 2026-03-02T09:30:00Z", path, s)
	}
	return t.UTC()
}

func (r *docReader) index(i int, n int, path string) int64 {
	if i < 0 || i >= n {
		r.fail("%s refers to commitment %d, but the file lists %d commitments (counting from 0)", path, i, n)
		return 0
	}
	return int64(i + 1)
}

// fromDoc turns the document into a dossier. Commitments get IDs 1..n in list order.
func fromDoc(c *docCouple, version int) (*Dossier, error) {
	r := &docReader{}
	d := &Dossier{
		Case: Case{
			NameA: c.Case.NameA, NameB: c.Case.NameB, Rebuilding: Rebuilder(c.Case.Rebuilding),
			StartDate: r.date(c.Case.StartDate, "couple.case.start_date"), Paper: c.Case.Paper, Language: c.Case.Language,
			CreatedAt: r.stamp(c.Case.CreatedAt, "couple.case.created_at", true),
			UpdatedAt: r.stamp(c.Case.UpdatedAt, "couple.case.updated_at", true),
		},
		Incident: Incident{Description: c.Incident.Description, Date: r.date(c.Incident.Date, "couple.incident.date")},
		Letter: Letter{Text: c.Letter.Text, Status: c.Letter.Status,
			UpdatedAt: r.stamp(c.Letter.UpdatedAt, "couple.letter.updated_at", false),
			Reply:     c.Letter.Reply, ReplyBy: Partner(c.Letter.ReplyBy), ReplyShared: c.Letter.ReplyShared,
			ReplyPINSealed: r.base64(c.Letter.ReplyPINSealed, "couple.letter.reply_pin_sealed")},
	}
	if len(c.Incident.Causes) > 0 {
		d.Incident.Causes = append([]string{}, c.Incident.Causes...)
	}
	for i, a := range c.Answers {
		d.Answers = append(d.Answers, Answer{Partner: Partner(a.Partner), QuestionID: a.Question, Text: a.Text, Shared: a.Shared,
			UpdatedAt: r.stamp(a.UpdatedAt, fmt.Sprintf("couple.answers[%d].updated_at", i), true),
			PINSealed: r.base64(a.PINSealed, fmt.Sprintf("couple.answers[%d].pin_sealed", i))})
	}
	for i, a := range c.RuleAcks {
		d.RuleAcks = append(d.RuleAcks, RuleAck{RuleID: a.Rule, Partner: Partner(a.Partner),
			At: r.stamp(a.At, fmt.Sprintf("couple.rule_acks[%d].at", i), true)})
	}
	for i, s := range c.Steps {
		d.Steps = append(d.Steps, StepProgress{StepID: s.Step, Note: s.Note, DoneOn: r.date(s.DoneOn, fmt.Sprintf("couple.steps[%d].done_on", i))})
	}
	n := len(c.Commitments)
	for i, cm := range c.Commitments {
		d.Commitments = append(d.Commitments, Commitment{
			ID: int64(i + 1), CatalogID: cm.CatalogID, CustomText: cm.CustomText, Param: cm.Param, Cost: cm.Cost,
			AgreedA: cm.AgreedA, AgreedB: cm.AgreedB, Position: cm.Position,
			ReviewDate: r.date(cm.ReviewDate, fmt.Sprintf("couple.commitments[%d].review_date", i)),
		})
	}
	for i, a := range c.Agreements {
		p := fmt.Sprintf("couple.agreements[%d]", i)
		ag := Agreement{Version: a.Version, StartDate: r.date(a.StartDate, p+".start_date"),
			ReviewDate: r.date(a.ReviewDate, p+".review_date"), CreatedAt: r.stamp(a.CreatedAt, p+".created_at", true)}
		for j, it := range a.Items {
			ip := fmt.Sprintf("%s.items[%d]", p, j)
			item := AgreementItem{CatalogID: it.CatalogID, Code: it.Code, Text: it.Text, Param: it.Param, Unit: it.Unit,
				Cost: it.Cost, ReviewDate: r.date(it.ReviewDate, ip+".review_date")}
			if it.Commitment != nil {
				item.CommitmentID = r.index(*it.Commitment, n, ip+".commitment")
			}
			ag.Items = append(ag.Items, item)
		}
		for j, s := range a.Signatures {
			sp := fmt.Sprintf("%s.signatures[%d]", p, j)
			img, err := base64.StdEncoding.Strict().DecodeString(s.PNG)
			if err != nil {
				r.fail("%s.png is not valid base64", sp)
			}
			if len(img) == 0 {
				img = nil
			}
			ag.Signatures = append(ag.Signatures, Signature{Partner: Partner(s.Partner), TypedName: s.TypedName, PNG: img,
				SignedAt: r.stamp(s.SignedAt, sp+".signed_at", true)})
		}
		if version >= 4 && ag.Frozen() {
			// Not nil even when empty: from version 4 a version signed by both must carry its
			// digest, and a missing one fails validateDossier's check like a wrong one.
			ag.Digest = []byte{}
			if a.Digest != "" {
				digest, err := hex.DecodeString(a.Digest)
				if err != nil {
					r.fail("%s.digest is not written in hexadecimal", p)
				}
				ag.Digest = append(ag.Digest, digest...)
			}
		}
		d.Agreements = append(d.Agreements, ag)
	}
	for i, m := range c.Marks {
		p := fmt.Sprintf("couple.marks[%d]", i)
		d.Marks = append(d.Marks, TrackEntry{CommitmentID: r.index(m.Commitment, n, p+".commitment"), Day: r.date(m.Day, p+".day"), Mark: Mark(m.Mark)})
	}
	for i, wc := range c.Counts {
		p := fmt.Sprintf("couple.counts[%d]", i)
		d.Counts = append(d.Counts, WeekCount{CommitmentID: r.index(wc.Commitment, n, p+".commitment"), Week: wc.Week, Count: wc.Count})
	}
	for _, ci := range c.CheckIns {
		d.CheckIns = append(d.CheckIns, CheckIn{Week: ci.Week, Trust: ci.Trust, WentWell: ci.WentWell, WasHard: ci.WasHard, Appreciated: ci.Appreciated})
	}
	for i, n := range c.WeekNotes {
		d.WeekNotes = append(d.WeekNotes, WeekNote{Week: n.Week, Partner: Partner(n.Partner), Text: n.Text, Shared: n.Shared,
			UpdatedAt: r.stamp(n.UpdatedAt, fmt.Sprintf("couple.week_notes[%d].updated_at", i), true),
			PINSealed: r.base64(n.PINSealed, fmt.Sprintf("couple.week_notes[%d].pin_sealed", i))})
	}
	for i, x := range c.Decisions {
		d.Decisions = append(d.Decisions, Decision{Key: x.Key, Partner: Partner(x.Partner), Value: x.Value,
			At: r.stamp(x.DecidedAt, fmt.Sprintf("couple.decisions[%d].decided_at", i), version >= 6)})
	}
	for i, p := range c.PINs {
		pp := fmt.Sprintf("couple.pins[%d]", i)
		d.PINs = append(d.PINs, PINRecord{Partner: Partner(p.Partner), KDF: p.KDF, Check: r.base64(p.Check, pp+".check"),
			Secret: r.base64(p.Secret, pp+".secret"), Bind: p.Bind, CreatedAt: r.stamp(p.CreatedAt, pp+".created_at", true)})
	}
	if r.err != nil {
		return nil, r.err
	}
	return d, nil
}

// checker collects everything wrong with a dossier, so one refusal can name it all.
type checker struct {
	problems []string
	pins     map[Partner]bool // the partners with a PIN (checkPINs)
}

func (c *checker) add(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func (c *checker) text(what, s string) {
	if !utf8.ValidString(s) {
		c.add("%s is not valid UTF-8 text", what)
	}
}

func (c *checker) id(what, s string, required bool) {
	switch {
	case !utf8.ValidString(s):
		c.add("%s is not valid UTF-8 text", what)
	case required && strings.TrimSpace(s) == "":
		c.add("%s is empty", what)
	case utf8.RuneCountInString(s) > maxIDLength:
		c.add("%s is longer than %d characters", what, maxIDLength)
	}
}

func (c *checker) partner(what string, p Partner) {
	if !p.Valid() {
		c.add("%s: partner must be A or B, not %q", what, p)
	}
}

func (c *checker) stamp(what string, t time.Time) {
	if t.IsZero() {
		c.add("%s has no time", what)
	}
}

func (c *checker) err() error {
	if len(c.problems) == 0 {
		return nil
	}
	msg := strings.Join(c.problems[:min(len(c.problems), maxProblemsShown)], "; ")
	if n := len(c.problems) - maxProblemsShown; n > 0 {
		msg += fmt.Sprintf("; and %d more problems", n)
	}
	return &InputError{Msg: "this couple cannot be imported: " + msg}
}

// validateDossier checks everything an import will write, before anything is written.
func validateDossier(d *Dossier, today Date) error {
	var c checker
	cs := d.Case
	cs.fillDefaults()
	if err := cs.Validate(); err != nil {
		c.add("%v", err)
	}
	c.text("partner A's name", cs.NameA)
	c.text("partner B's name", cs.NameB)

	if !languageRE.MatchString(cs.Language) {
		c.add("language %q is not a language code such as en", cs.Language)
	}
	c.stamp("the couple's creation", cs.CreatedAt)
	c.stamp("the couple's last change", cs.UpdatedAt)

	for i, cause := range d.Incident.Causes {
		c.id(fmt.Sprintf("incident cause %d", i+1), cause, true)
		if strings.Contains(cause, ",") {
			c.add("incident cause %q contains a comma", cause)
		}
	}
	c.text("the incident's description", d.Incident.Description)

	c.pins = checkPINs(&c, d.PINs)
	seen := map[string]bool{}
	for _, a := range d.Answers {
		what := fmt.Sprintf("answer %q of partner %s", a.QuestionID, a.Partner)
		c.partner(what, a.Partner)
		c.id(what+": question", a.QuestionID, true)
		c.text(what, a.Text)
		c.stamp(what, a.UpdatedAt)
		c.pinSealed(what, a.Partner, a.PINSealed, a.Text, a.Shared, a.Protected)
		if k := string(a.Partner) + "\x00" + a.QuestionID; seen[k] {
			c.add("%s appears twice", what)
		} else {
			seen[k] = true
		}
	}
	seen = map[string]bool{}
	for _, r := range d.RuleAcks {
		what := fmt.Sprintf("acknowledgement of rule %q by partner %s", r.RuleID, r.Partner)
		c.partner(what, r.Partner)
		c.id(what+": rule", r.RuleID, true)
		c.stamp(what, r.At)
		if k := string(r.Partner) + "\x00" + r.RuleID; seen[k] {
			c.add("%s appears twice", what)
		} else {
			seen[k] = true
		}
	}
	seen = map[string]bool{}
	for _, s := range d.Steps {
		what := fmt.Sprintf("step %q", s.StepID)
		c.id(what, s.StepID, true)
		c.text(what+": note", s.Note)
		if seen[s.StepID] {
			c.add("%s appears twice", what)
		}
		seen[s.StepID] = true
	}

	ids := map[int64]bool{}
	seen = map[string]bool{}
	for i, cm := range d.Commitments {
		what := fmt.Sprintf("commitment %d", i+1)
		if cm.CatalogID != "" {
			what = fmt.Sprintf("commitment %d (%s)", i+1, cm.CatalogID)
		}
		c.id(what+": catalog ID", cm.CatalogID, false)
		c.text(what+": text", cm.CustomText)
		if cm.CatalogID == "" && strings.TrimSpace(cm.CustomText) == "" {
			c.add("%s is the couple's own but has no text", what)
		}
		if cm.CatalogID != "" {
			if seen[cm.CatalogID] {
				c.add("%s appears twice", what)
			}
			seen[cm.CatalogID] = true
		}
		if mon, err := monitoring(cm.CatalogID); err != nil {
			c.add("%s: %v", what, err)
		} else if err := couple.CheckCommitment(cm, mon, today); err != nil {
			c.add("%s: %v", what, err)
		}
		if cm.Position < 0 {
			c.add("%s: position %d is negative", what, cm.Position)
		}
		if cm.ID != 0 {
			if ids[cm.ID] {
				c.add("%s: its ID %d is used twice", what, cm.ID)
			}
			ids[cm.ID] = true
		}
	}

	versions := map[int]bool{}
	for _, a := range d.Agreements {
		what := fmt.Sprintf("agreement version %d", a.Version)
		if a.Version < 1 {
			c.add("%s: versions start at 1", what)
		}
		if versions[a.Version] {
			c.add("%s appears twice", what)
		}
		versions[a.Version] = true
		c.stamp(what, a.CreatedAt)
		for j, it := range a.Items {
			iw := fmt.Sprintf("%s, item %d", what, j+1)
			c.id(iw+": catalog ID", it.CatalogID, false)
			c.id(iw+": code", it.Code, false)
			c.id(iw+": unit", it.Unit, false)
			c.text(iw+": text", it.Text)
			if it.Cost != "" && CostRank(it.Cost) < 0 {
				c.add("%s: cost must be low, moderate, high or very-high, not %q", iw, it.Cost)
			}
			if it.Param < 0 {
				c.add("%s: the amount %d is negative", iw, it.Param)
			}
		}
		signed := map[Partner]bool{}
		for _, s := range a.Signatures {
			sw := fmt.Sprintf("%s, signature of partner %s", what, s.Partner)
			c.partner(sw, s.Partner)
			if signed[s.Partner] {
				c.add("%s appears twice", sw)
			}
			signed[s.Partner] = true
			c.text(sw+": typed name", s.TypedName)
			if strings.TrimSpace(s.TypedName) == "" {
				c.add("%s has no typed name", sw)
			}
			c.stamp(sw, s.SignedAt)
			if len(s.PNG) > 0 {
				if err := checkPNG(s.PNG); err != nil {
					c.add("%s: the drawn signature %v", sw, err)
				}
			}
		}
	}

	for _, a := range d.Agreements {
		for j, it := range a.Items {
			if mon, err := monitoring(it.CatalogID); err == nil {
				if err := couple.CheckItem(it, mon); err != nil {
					c.add("agreement version %d, item %d: %v", a.Version, j+1, err)
				}
			}
		}
	}
	for _, a := range d.Agreements {
		// A file from before digests (or a couple made in code) has none: one is made at import.
		if a.Digest != nil {
			if err := couple.CheckDigest(a); err != nil {
				c.add("%v", err)
			}
		}
	}
	if latest := d.LatestAgreement(); latest != nil {
		if err := couple.CheckSignedDraft(*latest, d.Commitments); err != nil {
			c.add("%v", err)
		}
	}

	if err := couple.CheckLetterStatus(d.Letter.Status); err != nil {
		c.add("%v", err)
	}
	c.text("the letter", d.Letter.Text)
	c.reply(d.Letter)

	marked := map[markKey]bool{}
	from := couple.TrackingFrom(cs.StartDate, d.Agreements)
	for _, m := range d.Marks {
		what := fmt.Sprintf("the mark on %s", m.Day)
		if m.Day.IsZero() {
			what = "a mark"
			c.add("a mark has no day")
		}
		if m.Mark == MarkNone || !m.Mark.valid() {
			c.add("%s must be kept, missed or na, not %q", what, m.Mark)
		}
		if !m.Day.IsZero() {
			if err := couple.MarkDayAllowed(m.Day, from, today); err != nil {
				c.add("%s: %v", what, err)
			}
		}
		if m.CommitmentID == 0 || !ids[m.CommitmentID] {
			c.add("%s refers to a commitment that is not in the couple's list", what)
		}
		k := markKey{m.CommitmentID, m.Day}
		if marked[k] {
			c.add("%s appears twice for the same commitment", what)
		}
		marked[k] = true
	}

	c.counts(d, ids, from, today)

	weeks := map[int]bool{}
	for _, ci := range d.CheckIns {
		what := fmt.Sprintf("check-in of week %d", ci.Week)
		if ci.Week < 1 || ci.Week > maxWeek {
			c.add("%s: week numbers run from 1 to %d", what, maxWeek)
		}
		if ci.Trust < -1 || ci.Trust > 10 {
			c.add("%s: trust is rated from 0 to 10 (or -1 for not rated), not %d", what, ci.Trust)
		}
		if weeks[ci.Week] {
			c.add("%s appears twice", what)
		}
		weeks[ci.Week] = true
		c.text(what+": what went well", ci.WentWell)
		c.text(what+": what was hard", ci.WasHard)
		c.text(what+": what was appreciated", ci.Appreciated)
	}

	c.weekNotes(d.WeekNotes)

	seen = map[string]bool{}
	for _, x := range d.Decisions {
		what := fmt.Sprintf("decision %q of partner %s", x.Key, x.Partner)
		c.partner(what, x.Partner)
		c.id(what+": key", x.Key, true)
		c.id(what+": value", x.Value, true)
		if k := string(x.Partner) + "\x00" + x.Key; seen[k] {
			c.add("%s appears twice", what)
		} else {
			seen[k] = true
		}
	}
	return c.err()
}

// checkPINs holds each PIN of a dossier to what a stored one is, and returns whose they are.
func checkPINs(c *checker, records []PINRecord) map[Partner]bool {
	pins := map[Partner]bool{}
	for _, p := range records {
		what := fmt.Sprintf("the PIN of partner %s", p.Partner)
		c.partner(what, p.Partner)
		if pins[p.Partner] {
			c.add("%s appears twice", what)
		}
		pins[p.Partner] = true
		if !importableKDF(p.KDF) {
			c.add("%s: its key settings are out of range", what)
		}
		if !isSealed(p.Check) {
			c.add("%s has no check value", what)
		}
		c.id(what+": bind", p.Bind, true)
		c.stamp(what, p.CreatedAt)
	}
	return pins
}

// pinSealed holds a text a partner wrote for themselves (an answer, a weekly note, the reply)
// to its author's PIN: one sealed with a PIN is private, has its author's PIN in the dossier and
// nothing else in its text; a private one of a partner with a PIN is sealed with it (it would
// otherwise show without the PIN). c.pins must be set (checkPINs) first.
func (c *checker) pinSealed(what string, author Partner, sealed []byte, text string, shared, protected bool) {
	switch {
	case sealed != nil && shared:
		c.add("%s is shared but sealed with a PIN", what)
	case sealed != nil && !c.pins[author]:
		c.add("%s is sealed with a PIN that the file does not hold", what)
	case sealed != nil && (!isSealed(sealed) || text != ""):
		c.add("%s is not sealed the way Kintsugi seals it with a PIN", what)
	case sealed == nil && protected:
		c.add("%s is protected by a PIN and its text is not available", what)
	case sealed == nil && !shared && author.Valid() && c.pins[author] && text != "":
		c.add("%s is private, its author has a PIN, but it is not sealed with it", what)
	}
}

// importableKDF bounds key settings read from a file, so it cannot make the app spend
// unbounded memory or time.
func importableKDF(k KDF) bool {
	return k.valid() && len(k.Salt) <= importKDFMaxSalt && k.MemoryKiB <= importKDFMaxMiB*1024 && k.Time <= importKDFMaxTime && k.Threads <= 64
}

func checkPNG(b []byte) error {
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return errors.New("is not a PNG image")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxSignaturePixel {
		return fmt.Errorf("is too large (%dx%d pixels)", cfg.Width, cfg.Height)
	}
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		return errors.New("is a damaged PNG image")
	}
	return nil
}

// ImportDossier stores d as a NEW couple (new case ID) in ONE transaction: all or nothing.
// It keeps every timestamp and date as they were (created/updated, answers' updated_at,
// signatures' signed_at, agreements' created_at, rule acknowledgements, the letter's
// updated_at), remaps commitment IDs in marks and agreement items, and validates everything
// before writing: on any problem the database is untouched and the error says what is wrong.
// A decision without its time (from a file older than format 5, or a dossier made by hand) is
// recorded at the time of the import. Each partner's PIN is kept, with the answers it seals.
func (s *Store) ImportDossier(ctx context.Context, d *Dossier) (Case, error) {
	return s.importDossier(ctx, d, "")
}

// ImportDossierLocked imports d like ImportDossier, locked with passphrase in the same
// transaction: every sensitive value is sealed before it is written, so no moment exists, not
// even after a crash, at which the couple is in the database unlocked. The passphrase is the
// one the file was encrypted with, so it is not held to the rules for choosing a new one.
func (s *Store) ImportDossierLocked(ctx context.Context, d *Dossier, passphrase string) (Case, error) {
	if passphrase == "" {
		return Case{}, errors.New("import couple: a locked import needs its passphrase")
	}
	return s.importDossier(ctx, d, passphrase)
}

func (s *Store) importDossier(ctx context.Context, d *Dossier, passphrase string) (Case, error) {
	if d == nil {
		return Case{}, errors.New("import couple: nothing to import")
	}
	if err := validateDossier(d, DateOf(s.now())); err != nil {
		return Case{}, fmt.Errorf("import couple: %w", err)
	}
	var kdf KDF
	var key *Cipher
	if passphrase != "" {
		if s.locks == nil {
			return Case{}, errors.New("import couple: this store uses its own sealer")
		}
		var err error
		if kdf, key, err = newLockKey(passphrase); err != nil {
			return Case{}, fmt.Errorf("import couple: %w", err)
		}
	}
	c := d.Case
	c.fillDefaults()
	// A locked couple's role is sealed below, once its key is pending; until then the neutral one.
	rebuilding := string(c.Rebuilding)
	if key != nil {
		rebuilding = string(RebuilderBoth)
	}
	var id int64
	err := s.write(ctx, 0, "import couple", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			`INSERT INTO cases (name_a, name_b, rebuilding, start_date, paper, language, created_at, updated_at, example)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.NameA, c.NameB, rebuilding, c.StartDate.String(), c.Paper, c.Language,
			stampString(c.CreatedAt), stampString(c.UpdatedAt), boolInt(c.Example))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		if key != nil {
			if err := s.writeLock(ctx, tx, id, kdf, key); err != nil {
				return err
			}
			s.locks.pend(id, key)
			defer s.locks.pend(id, nil)
		}
		return s.importInto(ctx, tx, id, d)
	})
	if err != nil {
		return Case{}, err
	}
	if key != nil {
		s.locks.set(id, key)
	}
	return s.Case(ctx, id)
}

func (s *Store) importInto(ctx context.Context, tx *sql.Tx, id int64, d *Dossier) error {
	exec := func(query string, args ...any) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	}
	if rebuilding, sealed, err := s.sealTwin(id, "case.rebuilding", "", string(d.Case.Rebuilding), string(RebuilderBoth)); err != nil {
		return err
	} else if err := exec("UPDATE cases SET rebuilding = ?, rebuilding_sealed = ? WHERE id = ?", rebuilding, sealed, id); err != nil {
		return err
	}
	in := d.Incident
	if len(in.Causes) > 0 || in.Description != "" || !in.Date.IsZero() {
		desc, err := s.sealText(id, "incident.description", "", in.Description)
		if err != nil {
			return err
		}
		causes, err := s.sealShape(id, "incident.causes", "", strings.Join(in.Causes, ","))
		if err != nil {
			return err
		}
		if err := exec("INSERT INTO incidents (case_id, causes, description, date) VALUES (?, ?, ?, ?)",
			id, causes, desc, in.Date.String()); err != nil {
			return err
		}
	}
	for _, p := range d.PINs {
		if err := s.insertPIN(ctx, tx, id, p); err != nil {
			return err
		}
	}
	for _, a := range d.Answers {
		// An answer sealed with its author's PIN is stored as it came, under the PIN it came with.
		var body []byte
		var err error
		if a.PINSealed != nil {
			body, err = s.sealBytes(id, "answer", answerRow(a.Partner, a.QuestionID), a.PINSealed)
		} else {
			body, err = s.sealText(id, "answer", answerRow(a.Partner, a.QuestionID), a.Text)
		}
		if err != nil {
			return err
		}
		if err := exec("INSERT INTO answers (case_id, partner, question_id, body, shared, pin_sealed, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			id, string(a.Partner), a.QuestionID, body, boolInt(a.Shared), boolInt(a.PINSealed != nil), stampString(a.UpdatedAt)); err != nil {
			return err
		}
	}
	for _, r := range d.RuleAcks {
		if err := exec("INSERT INTO rule_acks (case_id, rule_id, partner, at) VALUES (?, ?, ?, ?)",
			id, r.RuleID, string(r.Partner), stampString(r.At)); err != nil {
			return err
		}
	}
	for _, sp := range d.Steps {
		note, err := s.sealText(id, "step.note", sp.StepID, sp.Note)
		if err != nil {
			return err
		}
		if err := exec("INSERT INTO steps (case_id, step_id, done_on, note) VALUES (?, ?, ?, ?)",
			id, sp.StepID, sp.DoneOn.String(), note); err != nil {
			return err
		}
	}
	newID := map[int64]int64{}
	for _, cm := range d.Commitments {
		// Its terms are sealed once it has the ID they are bound to.
		res, err := tx.ExecContext(ctx,
			`INSERT INTO commitments (case_id, catalog_id, custom_text, param, cost, agreed_a, agreed_b, review_date, position)
			 VALUES (?, '', ?, 0, '', ?, ?, ?, ?)`,
			id, []byte{}, boolInt(cm.AgreedA), boolInt(cm.AgreedB), cm.ReviewDate.String(), cm.Position)
		if err != nil {
			return err
		}
		nid, err := res.LastInsertId()
		if err != nil {
			return err
		}
		terms := cm
		terms.ID, terms.CaseID, terms.Changed = nid, id, nil
		if err := s.writeCommitmentTerms(ctx, tx, terms); err != nil {
			return err
		}
		if cm.ID != 0 {
			newID[cm.ID] = nid
		}
	}
	for _, a := range d.Agreements {
		res, err := tx.ExecContext(ctx,
			"INSERT INTO agreements (case_id, version, start_date, review_date, created_at) VALUES (?, ?, ?, ?, ?)",
			id, a.Version, a.StartDate.String(), a.ReviewDate.String(), stampString(a.CreatedAt))
		if err != nil {
			return err
		}
		aid, err := res.LastInsertId()
		if err != nil {
			return err
		}
		// Items first: once both signatures are in, the version is frozen and refuses items.
		items := make([]AgreementItem, len(a.Items))
		for i, it := range a.Items {
			it.CommitmentID = newID[it.CommitmentID] // 0 when its commitment is gone
			items[i] = it
		}
		if err := s.insertItems(ctx, tx, id, aid, items); err != nil {
			return err
		}
		for _, sig := range a.Signatures {
			name, err := s.sealText(id, "signature.name", agreementRow(aid, string(sig.Partner)), sig.TypedName)
			if err != nil {
				return err
			}
			img, err := s.sealBytes(id, "signature.png", agreementRow(aid, string(sig.Partner)), sig.PNG)
			if err != nil {
				return err
			}
			if err := exec("INSERT INTO signatures (agreement_id, partner, typed_name, png, signed_at) VALUES (?, ?, ?, ?, ?)",
				aid, string(sig.Partner), name, img, stampString(sig.SignedAt)); err != nil {
				return err
			}
		}
		// The digest of what is stored now: validateDossier has already held a file's own
		// digest to what it holds, so for such a file both are the same.
		if stored, err := s.agreementIn(ctx, tx, id, aid); err != nil {
			return err
		} else if stored.Frozen() {
			if err := s.writeDigest(ctx, tx, id, aid, stored); err != nil {
				return err
			}
		}
	}
	l := d.Letter
	if l.Status == "" {
		l.Status = LetterDraft
	}
	if !l.UpdatedAt.IsZero() || l.Text != "" || l.Status != LetterDraft {
		at := stampString(l.UpdatedAt)
		if at == "" {
			at = s.stamp()
		}
		body, err := s.sealText(id, "letter", "", l.Text)
		if err != nil {
			return err
		}
		if err := exec("INSERT INTO letters (case_id, body, status, updated_at) VALUES (?, ?, ?, ?)", id, body, l.Status, at); err != nil {
			return err
		}
		if l.Reply != "" || l.ReplyShared || l.ReplyPINSealed != nil {
			if err := s.putReply(ctx, tx, id, l.ReplyBy, l.Reply, l.ReplyShared, l.ReplyPINSealed); err != nil {
				return err
			}
		}
	}
	for _, m := range d.Marks {
		cid := newID[m.CommitmentID]
		mark, sealed, err := s.sealTwin(id, "mark", markRow(cid, m.Day.String()), string(m.Mark), string(MarkNA))
		if err != nil {
			return err
		}
		if err := exec("INSERT INTO marks (case_id, commitment_id, day, mark, mark_sealed) VALUES (?, ?, ?, ?, ?)",
			id, cid, m.Day.String(), mark, sealed); err != nil {
			return err
		}
	}
	for _, wc := range d.Counts {
		cid := newID[wc.CommitmentID]
		times, err := s.sealShape(id, "week_count", countRow(cid, wc.Week), wc.Count)
		if err != nil {
			return err
		}
		if err := exec("INSERT INTO week_counts (case_id, commitment_id, week, times) VALUES (?, ?, ?, ?)",
			id, cid, wc.Week, times); err != nil {
			return err
		}
	}
	for _, ci := range d.CheckIns {
		var fields [3][]byte
		for i, t := range []string{ci.WentWell, ci.WasHard, ci.Appreciated} {
			b, err := s.sealText(id, checkInFields[i], strconv.Itoa(ci.Week), t)
			if err != nil {
				return err
			}
			fields[i] = b
		}
		trust, sealedTrust, err := s.sealTwin(id, "checkin.trust", strconv.Itoa(ci.Week), ci.Trust, -1)
		if err != nil {
			return err
		}
		if err := exec("INSERT INTO checkins (case_id, week, trust, trust_sealed, went_well, was_hard, appreciated) VALUES (?, ?, ?, ?, ?, ?, ?)",
			id, ci.Week, trust, sealedTrust, fields[0], fields[1], fields[2]); err != nil {
			return err
		}
	}
	for _, n := range d.WeekNotes {
		if err := s.putWeekNote(ctx, tx, id, n, stampString(n.UpdatedAt)); err != nil {
			return err
		}
	}
	now := s.stamp()
	for _, x := range d.Decisions {
		value, err := s.sealShape(id, "decision", decisionRow(x.Key, x.Partner), x.Value)
		if err != nil {
			return err
		}
		at := stampString(x.At)
		if at == "" {
			at = now
		}
		if err := exec("INSERT INTO decisions (case_id, key, partner, value, at) VALUES (?, ?, ?, ?, ?)",
			id, x.Key, string(x.Partner), value, at); err != nil {
			return err
		}
	}
	return nil
}

// counts checks the weeks' counts: each of a commitment in the list that the catalog keeps as
// a count, for a week from 1 to maxWeek that CountWeekAllowed allows, within CheckWeekCount,
// and once per week.
func (c *checker) counts(d *Dossier, ids map[int64]bool, from, today Date) {
	catalog := map[int64]string{}
	for _, cm := range d.Commitments {
		catalog[cm.ID] = cm.CatalogID
	}
	type key struct {
		id   int64
		week int
	}
	seen := map[key]bool{}
	for _, wc := range d.Counts {
		what := fmt.Sprintf("the count of week %d", wc.Week)
		if wc.Week < 1 || wc.Week > maxWeek {
			c.add("%s: week numbers run from 1 to %d", what, maxWeek)
		}
		if err := couple.CheckWeekCount(wc.Count); err != nil {
			c.add("%s: %v", what, err)
		}
		if wc.Week >= 1 && wc.Week <= maxWeek {
			if err := couple.CountWeekAllowed(d.Case.WeekStart(wc.Week), from, today); err != nil {
				c.add("%s: %v", what, err)
			}
		}
		if wc.CommitmentID == 0 || !ids[wc.CommitmentID] {
			c.add("%s refers to a commitment that is not in the couple's list", what)
			continue
		}
		kind, err := TrackingOf(catalog[wc.CommitmentID])
		if err == nil {
			err = couple.CheckCountable(kind)
		}
		if err != nil {
			c.add("%s: %v", what, err)
		}
		k := key{wc.CommitmentID, wc.Week}
		if seen[k] {
			c.add("%s appears twice for the same commitment", what)
		}
		seen[k] = true
	}
}

// weekNotes checks the partners' own weekly notes: each of partner A or B, for a week from 1 to
// maxWeek, once, with its time.
func (c *checker) weekNotes(notes []WeekNote) {
	type key struct {
		week    int
		partner Partner
	}
	seen := map[key]bool{}
	for _, n := range notes {
		what := fmt.Sprintf("the note of partner %s on week %d", n.Partner, n.Week)
		c.partner(what, n.Partner)
		if n.Week < 1 || n.Week > maxWeek {
			c.add("%s: week numbers run from 1 to %d", what, maxWeek)
		}
		c.text(what, n.Text)
		c.stamp(what, n.UpdatedAt)
		c.pinSealed(what, n.Partner, n.PINSealed, n.Text, n.Shared, n.Protected)
		if k := (key{n.Week, n.Partner}); seen[k] {
			c.add("%s appears twice", what)
		} else {
			seen[k] = true
		}
	}
}

// reply checks the reply to the letter: by partner A or B (or both together), and only to a
// letter that was given to them to read.
func (c *checker) reply(l Letter) {
	c.text("the reply to the letter", l.Reply)
	if l.Reply == "" && !l.ReplyShared && l.ReplyBy == "" && l.ReplyPINSealed == nil {
		return
	}
	// Its author is recorded: who rebuilds trust may have been changed since it was written.
	if l.ReplyBy != "" && !l.ReplyBy.Valid() {
		c.add("the reply to the letter: partner must be A or B (or empty when written together), not %q", l.ReplyBy)
	}
	if l.Status == "" || l.Status == LetterDraft {
		c.add("the letter is a draft, but it has a reply")
	}
	c.pinSealed("the reply to the letter", l.ReplyBy, l.ReplyPINSealed, l.Reply, l.ReplyShared, l.ReplyProtected)
}
