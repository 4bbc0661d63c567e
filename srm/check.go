package srm

import (
	"fmt"
	"strconv"

	"github.com/srmkit/srmkit/schema/diag"
)

// CheckControls reports controls that name unknown services or repeat an id — within the list,
// or one known reports as taken, with where it is defined. The controls sit under the JSON
// Pointer ptr of a document: loc positions the problems in it, and when loc is nil (controls
// built in code) they are named after name.
func (m *Model) CheckControls(loc diag.Locator, name, ptr string, controls []Control, known func(ControlID) (string, bool)) diag.ErrorList {
	var errs diag.ErrorList
	seen := map[ControlID]int{}
	for i, c := range controls {
		at := ptr + "/" + strconv.Itoa(i)
		if prev, dup := seen[c.ID]; dup {
			errs = append(errs, diag.At(loc, name, at+"/id", ErrDuplicateControl, "control %s is defined twice (first at %s)", c.ID, diag.Where(loc, name, ptr+"/"+strconv.Itoa(prev)+"/id")))
		} else if where, clash := known(c.ID); clash {
			errs = append(errs, diag.At(loc, name, at+"/id", ErrDuplicateControl, "control %s is already defined %s", c.ID, where))
		}
		seen[c.ID] = i
		for j, a := range c.Aliases {
			aat := fmt.Sprintf("%s/aliases/%d", at, j)
			if _, dup := seen[a]; dup {
				errs = append(errs, diag.At(loc, name, aat, ErrDuplicateControl, "alias %s is already a control id or alias", a))
			} else if where, clash := known(a); clash {
				errs = append(errs, diag.At(loc, name, aat, ErrDuplicateControl, "alias %s is already defined %s", a, where))
			}
			seen[a] = i
		}
		for j, s := range c.Services {
			if _, ok := m.u.idx[s]; !ok {
				errs = append(errs, diag.At(loc, name, fmt.Sprintf("%s/applies_to/services/%d", at, j), ErrUnknownService, "unknown service %q%s", s, diag.Suggest(s, m.serviceIDs)))
			}
		}
		for k, e := range c.Evidence {
			for j, s := range e.Services {
				if _, ok := m.u.idx[s]; !ok {
					errs = append(errs, diag.At(loc, name, fmt.Sprintf("%s/evidence/%d/services/%d", at, k, j), ErrUnknownService, "unknown service %q%s", s, diag.Suggest(s, m.serviceIDs)))
				}
			}
		}
	}
	return errs
}
