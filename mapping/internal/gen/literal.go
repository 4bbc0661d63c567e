package main

import (
	"fmt"
	"reflect"
	"strings"
)

// literal writes v as a Go composite literal for a file inside v's own package: type names
// without their package qualifier, zero fields left out. It knows the kinds srmkit's tables use.
func literal(b *strings.Builder, v reflect.Value, indent string) {
	switch v.Kind() {
	case reflect.String:
		fmt.Fprintf(b, "%q", v.String())
	case reflect.Bool:
		fmt.Fprintf(b, "%v", v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		fmt.Fprintf(b, "%d", v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		fmt.Fprintf(b, "%d", v.Uint())
	case reflect.Slice:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		fmt.Fprintf(b, "[]%s{", typeName(v.Type().Elem()))
		elems(b, v, indent)
		b.WriteString("}")
	case reflect.Array:
		fmt.Fprintf(b, "[%d]%s{", v.Len(), typeName(v.Type().Elem()))
		elems(b, v, indent)
		b.WriteString("}")
	case reflect.Struct:
		b.WriteString(typeName(v.Type()))
		structBody(b, v, indent)
	default:
		panic("literal: unsupported kind " + v.Kind().String())
	}
}

// structBody writes {Field: value, …} for the non-zero exported fields.
func structBody(b *strings.Builder, v reflect.Value, indent string) {
	b.WriteString("{")
	t := v.Type()
	first := true
	for i := 0; i < t.NumField(); i++ {
		f := v.Field(i)
		if !t.Field(i).IsExported() || f.IsZero() {
			continue
		}
		if !first {
			b.WriteString(", ")
		}
		first = false
		fmt.Fprintf(b, "%s: ", t.Field(i).Name)
		literal(b, f, indent)
	}
	b.WriteString("}")
}

func elems(b *strings.Builder, v reflect.Value, indent string) {
	elemStruct := v.Type().Elem().Kind() == reflect.Struct
	for i := 0; i < v.Len(); i++ {
		if elemStruct {
			b.WriteString("\n" + indent + "\t")
			structBody(b, v.Index(i), indent+"\t")
			b.WriteString(",")
			continue
		}
		if i > 0 {
			b.WriteString(", ")
		}
		literal(b, v.Index(i), indent)
	}
	if elemStruct && v.Len() > 0 {
		b.WriteString("\n" + indent)
	}
}

func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice:
		return "[]" + typeName(t.Elem())
	case reflect.Array:
		return fmt.Sprintf("[%d]%s", t.Len(), typeName(t.Elem()))
	}
	if t.Name() != "" {
		return t.Name()
	}
	return t.String()
}
