package couple

// A partner's PIN seals their private texts (answers, own weekly notes, reply to the letter)
// against the other partner at the same keyboard. Changing it needs the old one. When its stored
// record is damaged, no PIN opens it any more: its partner may start a new PIN instead, and the
// texts sealed under the damaged one stay closed for good (nobody holds their key).

// ErrPINNotYours is refused when anyone but a PIN's own partner, alone at the keyboard, asks to
// start it anew: a PIN guards against the other partner at this keyboard, so they never may.
var ErrPINNotYours error = &InputError{Msg: "only the partner whose PIN it is, alone at the keyboard, may start a new PIN"}

// ErrPINNotDamaged is refused when a new PIN is asked for over one that is not damaged: that
// PIN still opens, so it is changed by entering it first, never replaced without it.
var ErrPINNotDamaged error = &InputError{Msg: "this PIN is not damaged: enter it first, then change it"}

// MayReplaceDamagedPIN says whether whoever is at the keyboard may replace owner's PIN, found
// damaged (damaged), with a new one: owner alone, and only over a damaged PIN.
func MayReplaceDamagedPIN(k Keyboard, owner Partner, damaged bool) error {
	if p, one := k.Partner(); !one || p != owner || !owner.Valid() {
		return ErrPINNotYours
	}
	if !damaged {
		return ErrPINNotDamaged
	}
	return nil
}
