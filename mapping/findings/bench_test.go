package findings

import (
	"bytes"
	"compress/gzip"
	"io"
	"runtime"
	"testing"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
)

// BenchmarkRead100kASFF reads a Security Hub export of 100,000 findings (about 300 MB) held
// in memory, so that the figure is the reader's alone. peak-heap-MB is the most heap the read
// added, sampled every 4 MB of input.
func BenchmarkRead100kASFF(b *testing.B) {
	data, err := io.ReadAll(newASFFExport(100_000))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	var peak uint64
	b.ResetTimer()
	for range b.N {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.HeapInuse
		var s Set
		ph := &peakHeap{r: bytes.NewReader(data)}
		f, err := s.Read("export.json", ph)
		if err != nil || f.Counted != 100_000 {
			b.Fatalf("counted %d, err %v", f.Counted, err)
		}
		if ph.peak > base {
			peak = max(peak, ph.peak-base)
		}
	}
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
	b.ReportMetric(float64(len(data))/1e6, "input-MB")
}

// BenchmarkAssess100kASFF goes from the export to the assessment: read, resolve, assess SOC 2
// and ISO 27001 for every service.
func BenchmarkAssess100kASFF(b *testing.B) {
	data, err := io.ReadAll(newASFFExport(100_000))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	cat := mapping.Default()
	scope, _ := cat.Scope()
	fws := []frameworks.ID{frameworks.SOC2, frameworks.ISO27001}
	b.ResetTimer()
	for range b.N {
		var s Set
		if _, err := s.Read("export.json", bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
		if _, err := cat.Assess(fws, scope, s.Evaluations()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead100kASFFGzip reads the same export gzip-compressed, as exports to S3 are; the
// throughput is of the uncompressed bytes.
func BenchmarkRead100kASFFGzip(b *testing.B) {
	var z bytes.Buffer
	zw, err := gzip.NewWriterLevel(&z, gzip.BestSpeed)
	if err != nil {
		b.Fatal(err)
	}
	n, err := io.Copy(zw, newASFFExport(100_000))
	if err != nil || zw.Close() != nil {
		b.Fatal(err)
	}
	b.SetBytes(n)
	b.ResetTimer()
	for range b.N {
		var s Set
		if f, err := s.Read("export.json.gz", bytes.NewReader(z.Bytes())); err != nil || f.Counted != 100_000 {
			b.Fatalf("counted %d, err %v", f.Counted, err)
		}
	}
	b.ReportMetric(float64(z.Len())/1e6, "compressed-MB")
}
