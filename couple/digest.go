package couple

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sort"
	"time"
)

// digestDomain starts every agreement digest, so the same bytes hashed for another purpose never
// give an agreement's digest; a new way of encoding gets a new domain.
const digestDomain = "kintsugi agreement digest v1"

// AgreementDigest is the SHA-256 of exactly what both partners signed: the version, its dates,
// every item in order (catalog ID, code, text, amount, unit, cost, review date) and both
// signatures (partner, typed name, the drawing, the time). Database row IDs are left out: they
// are where the agreement is kept, not what it says, and they change when a couple moves.
func AgreementDigest(a Agreement) []byte {
	var b bytes.Buffer
	put := func(s string) {
		b.Write(binary.AppendUvarint(nil, uint64(len(s))))
		b.WriteString(s)
	}
	put(digestDomain)
	put(fmt.Sprint(a.Version))
	put(a.StartDate.String())
	put(a.ReviewDate.String())
	put(fmt.Sprint(len(a.Items)))
	for _, it := range a.Items {
		put(it.CatalogID)
		put(it.Code)
		put(it.Text)
		put(fmt.Sprint(it.Param))
		put(it.Unit)
		put(it.Cost)
		put(it.ReviewDate.String())
	}
	sigs := append([]Signature(nil), a.Signatures...)
	sort.SliceStable(sigs, func(i, j int) bool { return sigs[i].Partner < sigs[j].Partner })
	put(fmt.Sprint(len(sigs)))
	for _, s := range sigs {
		put(string(s.Partner))
		put(s.TypedName)
		put(string(s.PNG))
		put(s.SignedAt.UTC().Format(time.RFC3339Nano))
	}
	sum := sha256.Sum256(b.Bytes())
	return sum[:]
}

// Altered reports whether a version signed by both no longer says what was signed: its digest
// is missing or does not match what it holds now. An altered version is never shown as signed.
func (a Agreement) Altered() bool {
	return a.Frozen() && !bytes.Equal(a.Digest, AgreementDigest(a))
}

// Signed reports whether both partners signed this version and it still says what they signed.
func (a Agreement) Signed() bool { return a.Frozen() && !a.Altered() }

// CheckDigest refuses a version signed by both whose digest does not match what it holds.
func CheckDigest(a Agreement) error {
	if a.Altered() {
		return refuse(fmt.Sprintf("agreement version %d was changed after both partners signed it: what it holds is not what was signed", a.Version))
	}
	return nil
}
