package models

// Actor is who does something, and from where: a signed-in user, or the operator at the
// command line and the portal's own work (System). An actor with neither is an anonymous
// visitor: it may read what is public and nothing more, so a missing user can never stand
// for someone with every right.
type Actor struct {
	User      *User
	System    bool
	IP        string
	UserAgent string
}

// System is the operator at the command line and the portal acting on its own behalf
// (loading the demo, building the benchmark's database): it may do whatever an official
// or an administrator may, and its steps are audited as "system".
var System = Actor{System: true}

// Operator is System acting through a named command, so that the audit log says which.
func Operator(command string) Actor {
	return Actor{System: true, UserAgent: command}
}

// UserActor is a signed-in user acting from a client address and browser; nil is an
// anonymous visitor.
func UserActor(u *User, ip, userAgent string) Actor {
	return Actor{User: u, IP: ip, UserAgent: userAgent}
}

// Anonymous reports whether no one is signed in: neither a user nor the operator.
func (a Actor) Anonymous() bool { return a.User == nil && !a.System }

// IsStaff reports whether the actor runs agreements, events and profiles: an active
// official or administrator, or the operator.
func (a Actor) IsStaff() bool {
	return a.System || (a.User != nil && a.User.Active && a.User.Role.Staff())
}

// MayManageUsers reports whether the actor may invite, disable, enable and sign out
// accounts: an active administrator, or the operator.
func (a Actor) MayManageUsers() bool {
	return a.System || (a.User != nil && a.User.Active && a.User.Role == RoleAdmin)
}

// MayEditSettings reports whether the actor may change the portal's settings, such as the
// bureau's contact: an active administrator, or the operator.
func (a Actor) MayEditSettings() bool {
	return a.System || (a.User != nil && a.User.Active && a.User.Role == RoleAdmin)
}

// DelegateRegion is the region an active delegate acts for, or "" for anyone else.
func (a Actor) DelegateRegion() string {
	u := a.User
	if u == nil || !u.Active || u.Role != RoleDelegate || u.RegionCode == nil {
		return ""
	}
	return *u.RegionCode
}

// delegateOf reports whether the actor is an active delegate of the region.
func (a Actor) delegateOf(region string) bool {
	return region != "" && a.DelegateRegion() == region
}

// MayEditContact reports whether the actor may edit a region's contact office: staff for
// any region, a delegate for their own.
func (a Actor) MayEditContact(code string) bool { return a.IsStaff() || a.delegateOf(code) }

// MayEditProfile reports whether the actor may edit the whole of a region's profile
// (partnership, summary, commodities, coordinates): staff only.
func (a Actor) MayEditProfile() bool { return a.IsStaff() }

// auditName is how the log names the actor.
func (a Actor) auditName() string {
	if a.User != nil {
		return a.User.Name
	}
	return "system"
}
