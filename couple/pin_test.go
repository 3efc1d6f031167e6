package couple_test

import (
	"errors"
	"testing"

	"kintsugi/couple"
)

// A damaged PIN is started anew by its own partner alone at the keyboard; never by the other
// partner, nor with both at the keyboard, and never over a PIN that still opens.
func TestOnlyItsPartnerAloneReplacesADamagedPIN(t *testing.T) {
	cases := []struct {
		k       couple.Keyboard
		owner   couple.Partner
		damaged bool
		want    error
	}{
		{couple.KeyboardA, couple.PartnerA, true, nil},
		{couple.KeyboardB, couple.PartnerB, true, nil},
		{couple.KeyboardB, couple.PartnerA, true, couple.ErrPINNotYours},
		{couple.KeyboardA, couple.PartnerB, true, couple.ErrPINNotYours},
		{couple.KeyboardBoth, couple.PartnerA, true, couple.ErrPINNotYours},
		{"", couple.PartnerA, true, couple.ErrPINNotYours},
		{couple.KeyboardA, couple.PartnerA, false, couple.ErrPINNotDamaged},
		{couple.KeyboardB, couple.PartnerA, false, couple.ErrPINNotYours},
	}
	for _, c := range cases {
		if got := couple.MayReplaceDamagedPIN(c.k, c.owner, c.damaged); !errors.Is(got, c.want) {
			t.Errorf("keyboard %q, PIN of %s, damaged %v: %v, want %v", c.k, c.owner, c.damaged, got, c.want)
		}
	}
}
