module com.example.sneaky {
  requires dev.sluice;
}
