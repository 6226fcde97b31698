// Reference solver for `npm run bench -- optimize`: LEMON's NetworkSimplex (block search, its default)
// on a DIMACS min-cost flow file. Prints one line: `<status> <cost> <wall seconds> <cpu seconds>`,
// timing the solver only (construction and run), not the reading of the file.
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <lemon/dimacs.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

using namespace lemon;

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: lemon-driver instance.min" << std::endl;
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "cannot open " << argv[1] << std::endl;
    return 2;
  }
  SmartDigraph g;
  SmartDigraph::ArcMap<int> lower(g), capacity(g);
  SmartDigraph::ArcMap<long long> cost(g);
  SmartDigraph::NodeMap<int> supply(g);
  readDimacsMin(in, g, lower, capacity, cost, supply);

  auto started = std::chrono::steady_clock::now();
  std::clock_t cpuStarted = std::clock();
  NetworkSimplex<SmartDigraph, int, long long> solver(g);
  solver.lowerMap(lower).upperMap(capacity).costMap(cost).supplyMap(supply);
  NetworkSimplex<SmartDigraph, int, long long>::ProblemType status = solver.run();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  double cpu = double(std::clock() - cpuStarted) / CLOCKS_PER_SEC;

  if (status == NetworkSimplex<SmartDigraph, int, long long>::OPTIMAL) {
    std::cout << "optimal " << solver.totalCost<long long>() << " " << seconds << " " << cpu << std::endl;
  } else {
    std::cout << (status == NetworkSimplex<SmartDigraph, int, long long>::INFEASIBLE ? "infeasible" : "unbounded") << " 0 " << seconds << " " << cpu << std::endl;
  }
  return 0;
}
