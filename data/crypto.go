package data

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"

	"golang.org/x/crypto/argon2"
)

// ErrWrongPassphrase means a passphrase did not open what it was asked to open. Nothing was
// read or changed.
var ErrWrongPassphrase = errors.New("that passphrase does not open this couple")

// ErrLocked means a couple is locked and has not been opened with its passphrase.
var ErrLocked = errors.New("this couple is locked: enter its passphrase to open it")

// KDF holds the Argon2id parameters that turn a passphrase into a key.
type KDF struct {
	Salt      []byte `json:"salt"`
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memoryKiB"`
	Threads   uint8  `json:"threads"`
}

// DefaultKDFCost is the Argon2id cost for new locks: RFC 9106's second recommended setting
// (64 MiB, 3 passes), about a tenth of a second on a small laptop.
var DefaultKDFCost = KDF{Time: 3, MemoryKiB: 64 * 1024, Threads: 2}

// NewKDF returns parameters with a fresh random salt.
func NewKDF() (KDF, error) {
	k := DefaultKDFCost
	k.Salt = make([]byte, 16)
	if _, err := rand.Read(k.Salt); err != nil {
		return KDF{}, fmt.Errorf("make salt: %w", err)
	}
	return k, nil
}

// valid bounds parameters read back from a file or the database, so a tampered value cannot make
// the app spend unbounded memory or time: at most 1 GiB and 16 passes.
func (k KDF) valid() bool {
	return len(k.Salt) >= 16 && len(k.Salt) <= 64 && k.Time >= 1 && k.Time <= 16 &&
		k.MemoryKiB >= 8 && k.MemoryKiB <= 1<<20 && k.Threads >= 1 && k.Threads <= 64
}

// Key derives the 256-bit key for passphrase.
func (k KDF) Key(passphrase string) ([]byte, error) {
	if !k.valid() {
		return nil, errors.New("key derivation parameters are out of range")
	}
	return argon2.IDKey([]byte(passphrase), k.Salt, k.Time, k.MemoryKiB, k.Threads, 32), nil
}

// sealedMagic starts every encrypted value, so a sealed value is never mistaken for text.
// KSG1 values are bound to their couple and column; KSG2 values (a couple's values since
// row binding) to their row too: case, column and the row's key (see rowAAD).
var (
	sealedMagic   = []byte("KSG1")
	sealedMagicV2 = []byte("KSG2")
)

// isSealed reports whether a stored value starts like a sealed one, of either version.
func isSealed(b []byte) bool {
	return bytes.HasPrefix(b, sealedMagic) || bytes.HasPrefix(b, sealedMagicV2)
}

// errNotSealed means a value where a sealed one belongs is not sealed at all.
var errNotSealed = errors.New("value is not sealed by Kintsugi")

// Cipher seals values with AES-256-GCM: confidential, and any change to a sealed value, or
// moving it to another field or couple, makes it fail to open.
type Cipher struct{ aead cipher.AEAD }

// NewCipher makes a cipher from a 32-byte key.
func NewCipher(key []byte) (*Cipher, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("cipher: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("cipher: %w", err)
	}
	return &Cipher{aead: aead}, nil
}

// Seal encrypts plain; aad binds it to where it belongs.
func (c *Cipher) Seal(plain, aad []byte) ([]byte, error) { return c.sealAs(sealedMagic, plain, aad) }

func (c *Cipher) sealAs(magic, plain, aad []byte) ([]byte, error) {
	nonce := make([]byte, c.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	out := append(append([]byte{}, magic...), nonce...)
	return c.aead.Seal(out, nonce, plain, aad), nil
}

// Open decrypts what Seal made with the same key and aad, or reports ErrWrongPassphrase.
func (c *Cipher) Open(sealed, aad []byte) ([]byte, error) {
	n := len(sealedMagic) + c.aead.NonceSize()
	if len(sealed) < n+c.aead.Overhead() || !isSealed(sealed) {
		return nil, errNotSealed
	}
	plain, err := c.aead.Open(nil, sealed[len(sealedMagic):n], sealed[n:], aad)
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	return plain, nil
}
