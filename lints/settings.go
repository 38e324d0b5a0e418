package lints

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// The configurable lints of the library decode their zlint configuration
// section themselves (go-toml's Unmarshaler), so that each setting has one
// key in the form zlint's -exampleConfig prints (the Go field name,
// "CrossCertificate"), the lower-case and snake_case forms are accepted too
// ("cross_certificate", which the README documented first), a value of the
// wrong type is an error, and so is a key the lint does not have: zlint
// itself ignores unknown keys, so a misspelt setting would silently do
// nothing.

// decodeSettings sets the exported fields of the struct target points to
// from a configuration section.
func decodeSettings(section any, target any) error {
	m, ok := section.(map[string]any)
	if !ok {
		return fmt.Errorf("the section is a %T, not a table", section)
	}
	v := reflect.ValueOf(target).Elem()
	fields := map[string]reflect.Value{}
	var names []string
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		fields[settingKey(f.Name)] = v.Field(i)
		names = append(names, f.Name)
	}
	// In key order, so that an error names the same key on every run.
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	var seen map[string]string
	for _, key := range keys {
		value := m[key]
		field, ok := fields[settingKey(key)]
		if !ok {
			return fmt.Errorf("unknown key %q: the keys are %s", key, strings.Join(names, ", "))
		}
		// Two spellings of one setting: which one won would depend on the
		// order of a map, so neither does. (A section of one key, the
		// common case, needs no map for it.)
		if len(keys) > 1 {
			if other, dup := seen[settingKey(key)]; dup {
				return fmt.Errorf("keys %q and %q name the same setting: keep one", other, key)
			}
			if seen == nil {
				seen = map[string]string{}
			}
			seen[settingKey(key)] = key
		}
		x := reflect.ValueOf(value)
		if !x.IsValid() || !x.Type().AssignableTo(field.Type()) {
			return fmt.Errorf("key %q is a %T, not a %s", key, value, field.Type())
		}
		field.Set(x)
	}
	return nil
}

// settingKey is the form in which keys are compared: lower case, without
// underscores, so CrossCertificate, crosscertificate and cross_certificate
// name one setting.
func settingKey(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "_", ""))
}

// SettingKeys lists the keys a configurable lint of the library accepts
// for each of its settings, in the compared form, for callers that check
// a configuration before linting.
func SettingKeys(lint any) []string {
	v := reflect.Indirect(reflect.ValueOf(lint))
	if v.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	for i := range v.NumField() {
		if f := v.Type().Field(i); f.IsExported() {
			keys = append(keys, settingKey(f.Name))
		}
	}
	slices.Sort(keys)
	return keys
}
