"""The benchmark suite of issue 6: synthetic provincial-scale data, figures against floors."""
