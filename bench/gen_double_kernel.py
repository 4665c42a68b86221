#!/usr/bin/env python3
"""Regenerates DoubleRnnKernel.java from FloatRnnKernel.java (float -> double, exact activations).

Run from the repository root:  /usr/bin/python3 bench/gen_double_kernel.py
"""
import re

D = 'src/main/java/io/rnnforecast/model/layers/'
src = open(D + 'FloatRnnKernel.java').read()
start = src.index('    // Rational minimax approximation')
end = src.index('    static void tanhInPlace')
src = src[:start] + '''    static double tanh(double v) {
        return Math.tanh(v);
    }

    static double sigmoid(double v) {
        return 1d / (1d + Math.exp(-v));
    }

''' + src[end:]
for a, b in (('FloatBuffer', 'DoubleBuffer'), ('FloatPointer', 'DoublePointer'), ('Float.BYTES', 'Double.BYTES'),
             ('cblas_sgemm', 'cblas_dgemm')):
    src = src.replace(a, b)
src = src.replace('FloatRnnKernel', 'DoubleRnnKernel').replace('float', 'double')
src = re.sub(r'(?<=[0-9])f\b', 'd', src)
src = src.replace('''/**
 * Single-precision fused recurrent kernel''', '''/**
 * GENERATED from FloatRnnKernel.java by bench/gen_double_kernel.py (mechanical float-to-double transliteration;
 * activation functions are exact {@code Math.tanh} / {@code 1/(1+exp(-x))}). Edit FloatRnnKernel and regenerate.
 *
 * <p>Double-precision fused recurrent kernel''')
src = src.replace(''' * <p>{@link DoubleRnnKernel} is a line-by-line transliteration of this class to double precision with exact
 * {@code Math.tanh}/{@code Math.exp}; keep the two in step.
''', '')
open(D + 'DoubleRnnKernel.java', 'w').write(src)
