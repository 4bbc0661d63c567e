package schema

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Decode stores the document's value in v, a pointer to a struct whose json tags follow the
// schema. It walks the validated values directly (no JSON round trip); a field the struct does
// not know, or a value of the wrong shape, is an error naming its JSON Pointer.
func (d *Document) Decode(v any) error {
	return DecodeValue(d.Value, v)
}

// DecodeValue stores a JSON-style value (as held by a [Document]) in v, a non-nil pointer.
func DecodeValue(value any, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("schema: Decode needs a non-nil pointer, got %T", v)
	}
	return decodeInto(value, rv.Elem(), "")
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

type fieldInfo struct {
	index []int
}

var fieldCache sync.Map // reflect.Type → map[string]fieldInfo

func fieldsOf(t reflect.Type) map[string]fieldInfo {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string]fieldInfo)
	}
	m := map[string]fieldInfo{}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name := sf.Name
		if tag, ok := sf.Tag.Lookup("json"); ok {
			n, _, _ := strings.Cut(tag, ",")
			if n == "-" {
				continue
			}
			if n != "" {
				name = n
			}
		}
		m[name] = fieldInfo{index: sf.Index}
		if _, ok := sf.Tag.Lookup("json"); !ok {
			m[strings.ToLower(name)] = fieldInfo{index: sf.Index}
		}
	}
	fieldCache.Store(t, m)
	return m
}

func decodeInto(value any, rv reflect.Value, ptr string) error {
	if value == nil {
		rv.SetZero()
		return nil
	}
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			rv.Set(reflect.New(rv.Type().Elem()))
		}
		return decodeInto(value, rv.Elem(), ptr)
	}
	if rv.Kind() == reflect.Interface && rv.NumMethod() == 0 {
		rv.Set(reflect.ValueOf(value))
		return nil
	}
	if rv.CanAddr() && rv.Addr().Type().Implements(textUnmarshaler) {
		s, ok := value.(string)
		if !ok {
			return fmt.Errorf("%s: expected a string, got %T", ptr, value)
		}
		if err := rv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			return fmt.Errorf("%s: %w", ptr, err)
		}
		return nil
	}
	switch rv.Kind() {
	case reflect.String:
		s, ok := value.(string)
		if !ok {
			return fmt.Errorf("%s: expected a string, got %T", ptr, value)
		}
		rv.SetString(s)
	case reflect.Bool:
		b, ok := value.(bool)
		if !ok {
			return fmt.Errorf("%s: expected true or false, got %T", ptr, value)
		}
		rv.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := value.(json.Number)
		if !ok {
			return fmt.Errorf("%s: expected a number, got %T", ptr, value)
		}
		i, err := strconv.ParseInt(string(n), 10, rv.Type().Bits())
		if err != nil {
			return fmt.Errorf("%s: %s is not a whole number in range", ptr, n)
		}
		rv.SetInt(i)
	case reflect.Float32, reflect.Float64:
		n, ok := value.(json.Number)
		if !ok {
			return fmt.Errorf("%s: expected a number, got %T", ptr, value)
		}
		f, err := strconv.ParseFloat(string(n), rv.Type().Bits())
		if err != nil {
			return fmt.Errorf("%s: %s is not a number in range", ptr, n)
		}
		rv.SetFloat(f)
	case reflect.Slice:
		arr, ok := value.([]any)
		if !ok {
			return fmt.Errorf("%s: expected a list, got %T", ptr, value)
		}
		s := reflect.MakeSlice(rv.Type(), len(arr), len(arr))
		for i, e := range arr {
			if err := decodeInto(e, s.Index(i), ptr+"/"+strconv.Itoa(i)); err != nil {
				return err
			}
		}
		rv.Set(s)
	case reflect.Array:
		arr, ok := value.([]any)
		if !ok || len(arr) > rv.Len() {
			return fmt.Errorf("%s: expected a list of at most %d items", ptr, rv.Len())
		}
		for i, e := range arr {
			if err := decodeInto(e, rv.Index(i), ptr+"/"+strconv.Itoa(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		obj, ok := value.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: expected a mapping, got %T", ptr, value)
		}
		m := reflect.MakeMapWithSize(rv.Type(), len(obj))
		for k, e := range obj {
			kv := reflect.New(rv.Type().Key()).Elem()
			if err := decodeInto(k, kv, ptr); err != nil {
				return err
			}
			ev := reflect.New(rv.Type().Elem()).Elem()
			if err := decodeInto(e, ev, ptr+"/"+escapePointer(k)); err != nil {
				return err
			}
			m.SetMapIndex(kv, ev)
		}
		rv.Set(m)
	case reflect.Struct:
		obj, ok := value.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: expected a mapping, got %T", ptr, value)
		}
		fields := fieldsOf(rv.Type())
		for k, e := range obj {
			f, ok := fields[k]
			if !ok {
				return fmt.Errorf("%s: unknown field %q", ptr, k)
			}
			if err := decodeInto(e, rv.FieldByIndex(f.index), ptr+"/"+escapePointer(k)); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("%s: cannot decode into %s", ptr, rv.Type())
	}
	return nil
}
